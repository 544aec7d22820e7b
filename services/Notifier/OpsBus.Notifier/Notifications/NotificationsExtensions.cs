using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpsBus.Notifier.Notifications.Api;
using OpsBus.Notifier.Notifications.Delivery;
using OpsBus.Notifier.Notifications.Persistence;
using OpsBus.ServiceDefaults;
using OpsBus.ServiceDefaults.Persistence;
using OpsBus.ServiceDefaults.Security;

namespace OpsBus.Notifier.Notifications;

public static class NotificationsExtensions
{
    /// <summary>
    /// Outbound notifications: channels (Slack, Discord, signed webhooks) and their rules in the notifier's own database
    /// (PostgreSQL or SQLite; credentials sealed with <c>Secrets:Key</c>, see <see cref="ChannelCredentials"/>), a durable competing consumer turning run status changes into deliveries, and the
    /// dispatcher posting them with retries and dead letters. The host maps the admin API with <see cref="MapNotificationsApi"/>.
    /// </summary>
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<NotificationsOptions>().BindConfiguration(NotificationsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationsOptions>, NotificationsOptionsValidator>();
        var options = builder.Configuration.GetSection(NotifierOptions.SectionName).Get<NotifierOptions>()?.Notifications ?? new NotificationsOptions();

        if (options.Database == NotificationsDatabase.Postgres)
            services.AddDbContext<NotificationsDbContext, PostgresNotificationsDbContext>(db => db.UseNpgsql(PostgresConnections.TunedForShortStatements(options.ConnectionString), npgsql => npgsql.MigrationsHistoryTable(NotificationsDbContext.MigrationsHistoryTable)));
        else
            services.AddDbContext<NotificationsDbContext, SqliteNotificationsDbContext>(db => db.UseSqlite(options.ConnectionString, sqlite => sqlite.MigrationsHistoryTable(NotificationsDbContext.MigrationsHistoryTable)));
        services.AddDatabaseMigrationAtStart<NotificationsDbContext>();
        services.AddSingleton(ChannelCredentials.From(builder.Configuration));
        services.AddHostedService<ChannelCredentialsSealing>();
        services.AddHealthChecks().AddDbContextCheck<NotificationsDbContext>("notifications-database", tags: ["ready"]);

        // No request logging: a Slack or Discord webhook's URL is its credential.
        services.AddHttpClient(ChannelSender.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .RemoveAllLoggers();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ChannelSender>();
        services.AddMetrics();
        services.AddSingleton<NotificationMetrics>();
        services.AddSingleton<DeliverySignal>();
        services.AddHostedService<DeliveryDispatcher>();
        services.AddAuthorization();

        services.Messaging().Register(x => x.AddConsumer<RunNotificationsConsumer, RunNotificationsConsumerDefinition>());
        return builder;
    }

    /// <summary>The admin API under <c>/api/notifications</c>: <c>channels</c> (CRUD, <c>{id}/test</c>) and <c>dead-letters</c> (list, <c>{id}/retry</c>).</summary>
    public static RouteGroupBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var notifications = app.MapGroup("/api/notifications").RequireAuthorization().WithTags("Notifications");
        notifications.AddEndpointFilter(async (context, next) =>
            context.HttpContext.User.IsInRole(OpsBusRoles.Admin) ? await next(context) : ApiProblems.AdminsOnly());
        notifications.MapChannels();
        notifications.MapDeadLetters();
        return notifications;
    }
}
