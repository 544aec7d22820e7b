using OpsBus.Notifier;
using OpsBus.ServiceDefaults;
using OpsBus.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddInternalCallerAuthentication();
builder.AddNotifier();
builder.AddOpsBusMessaging();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapNotifierHub();

app.Run();
