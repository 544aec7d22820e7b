using OpsBus.LaneWorker;
using OpsBus.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddLaneWorker();
builder.AddOpsBusMessaging();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
