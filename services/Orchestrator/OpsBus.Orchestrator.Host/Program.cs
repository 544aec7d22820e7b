using OpsBus.Orchestrator;
using OpsBus.Orchestrator.Api;
using OpsBus.ServiceDefaults;
using OpsBus.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddInternalCallerAuthentication();
builder.AddOrchestrator();
builder.AddOpsBusMessaging();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapRunsApi();
app.MapSessionsApi();

app.Run();
