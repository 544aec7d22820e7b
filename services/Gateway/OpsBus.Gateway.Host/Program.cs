using OpsBus.Gateway.Host.Extensions;
using OpsBus.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddOpsBusEdge();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOpsBusEdge();

app.Run();

public partial class Program;
