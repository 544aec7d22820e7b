using OpsBus.Artifacts;
using OpsBus.ServiceDefaults;
using OpsBus.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddInternalCallerAuthentication();
builder.AddArtifacts();
builder.AddOpsBusMessaging();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapArtifactsApi();

app.Run();
