using OpsBus.Notifier;
using OpsBus.Notifier.Notifications;
using OpsBus.ServiceDefaults;
using OpsBus.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddInternalCallerAuthentication();
builder.AddNotifier();
builder.AddNotifications();
builder.AddOpsBusMessaging();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapNotifierHub();
app.MapNotificationsApi();

app.Run();
