using OpsBus.Orchestrator;
using OpsBus.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddOrchestrator();
builder.AddOpsBusMessaging();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
