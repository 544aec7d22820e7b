using OpsBus.Notifier;
using OpsBus.ServiceDefaults;
using OpsBus.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
// Behind the gateway: callers arrive with the gateway's signed caller headers (distributed mode).
builder.Services.AddAuthentication(InternalCaller.Scheme)
    .AddScheme<InternalCallerOptions, InternalCallerAuthenticationHandler>(InternalCaller.Scheme,
        options => options.Secret = builder.Configuration["OpsBus:InternalSecret"]);
builder.AddNotifier();
builder.AddOpsBusMessaging();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapNotifierHub();

app.Run();
