using OpsBus.Orchestrator;
using OpsBus.Orchestrator.Api;
using OpsBus.ServiceDefaults;
using OpsBus.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
// Behind the gateway: callers arrive with the gateway's signed caller headers (distributed mode).
builder.Services.AddAuthentication(InternalCaller.Scheme)
    .AddScheme<InternalCallerOptions, InternalCallerAuthenticationHandler>(InternalCaller.Scheme,
        options => options.Secret = builder.Configuration["OpsBus:InternalSecret"]);
builder.Services.AddAuthorization();
builder.AddOrchestrator();
builder.AddOpsBusMessaging();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapRunsApi();
app.MapSessionsApi();

app.Run();
