using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpsBus.Gateway.ApiKeys;
using OpsBus.Gateway.Audit;
using OpsBus.Gateway.Authentication;
using OpsBus.Gateway.ControlRoom;
using OpsBus.Gateway.Edge;
using OpsBus.Gateway.Persistence;
using OpsBus.Gateway.Proxy;
using OpsBus.ServiceDefaults.Persistence;
using OpsBus.ServiceDefaults.Security;
using Scalar.AspNetCore;

namespace OpsBus.Gateway;

public static class GatewayExtensions
{
    /// <summary>
    /// The public edge: API keys in the gateway's own database, the <c>ApiKey</c> authentication scheme, a rate
    /// limit per key, the OpenAPI document, and in distributed mode the reverse proxy to the services.
    /// </summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => IsValid(o.RateLimit), "Gateway:RateLimit: TokenLimit and TokensPerPeriod must be positive, and so must ReplenishmentPeriod.")
            .Validate(o => IsValid(o.WebhookRateLimit), "Gateway:WebhookRateLimit: TokenLimit and TokensPerPeriod must be positive, and so must ReplenishmentPeriod.")
            .ValidateOnStart();
        var options = builder.Configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();

        services.AddGatewayDatabase(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new StartupBanner(Console.Out));
        services.AddSingleton<ApiKeyCache>();
        services.AddScoped<ApiKeyStore>();
        services.AddHostedService<GatewayStartup>();
        services.AddSingleton<AuditLog>();
        services.AddHostedService<AuditWriter>();
        services.AddHealthChecks().AddDbContextCheck<GatewayDbContext>("gateway-database", tags: ["ready"]);

        services.AddAuthentication(ApiKeyDefaults.Scheme)
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, _ => { });
        services.AddAuthorizationBuilder().AddPolicy(KeysApi.AdminPolicy, policy => policy.RequireRole(OpsBusRoles.Admin))
            .AddPolicy(AuditApi.AuditorPolicy, policy => policy.RequireRole(OpsBusRoles.Auditor, OpsBusRoles.Admin));
        services.AddPerKeyRateLimiter();
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer<OpenApiDocumentTransformer>());

        if (options.Mode == GatewayMode.Distributed)
            services.AddGatewayProxy(options);
        return builder;
    }

    /// <summary>
    /// The edge's pipeline and endpoints: the control room's files (public), authentication, the audit log of
    /// state-changing calls (<c>/api/audit</c>), 401 for anonymous
    /// <c>/api/*</c> and <c>/hubs/*</c>, the per-key rate limit, the body size limit, <c>/api/keys</c>, <c>/api/me</c>,
    /// <c>/openapi/v1.json</c> with its UI at <c>/scalar</c>, in distributed mode the proxied routes, and the control
    /// room's fallback to <c>index.html</c>. Map the in-process APIs after it. An error answered without a body (a
    /// route matched with the wrong method, a body parameter that does not bind, an unknown path) gets problem details.
    /// </summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseStatusCodePages();
        var controlRoom = ControlRoomExtensions.EmbeddedFiles();
        if (controlRoom is not null)
            app.UseControlRoomFiles(controlRoom);
        app.UseAuthentication();
        app.UseAuditLog();
        app.UseCallerRequired();
        app.UseRateLimiter();
        app.UseApiRequestBodyLimit();
        app.UseAuthorization();

        app.MapOpenApi();
        app.MapScalarApiReference(scalar => scalar.WithTitle("OpsBus API"));
        app.MapKeysApi();
        app.MapMeApi();
        app.MapAuditApi();
        if (app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.Mode == GatewayMode.Distributed)
            app.MapReverseProxy();
        if (controlRoom is not null)
            app.MapControlRoomFallback(controlRoom);
        return app;
    }

    private static bool IsValid(GatewayRateLimitOptions limit) =>
        Validator.TryValidateObject(limit, new ValidationContext(limit), null, validateAllProperties: true) && limit.ReplenishmentPeriod > TimeSpan.Zero;

    /// <summary>
    /// The gateway may share a PostgreSQL database with the orchestrator (compose does), so its migrations are
    /// recorded in a history table of its own.
    /// </summary>
    private static void AddGatewayDatabase(this IServiceCollection services, GatewayOptions options)
    {
        if (options.Database == GatewayDatabase.Postgres)
            services.AddDbContext<GatewayDbContext, PostgresGatewayDbContext>(db =>
                db.UseNpgsql(PostgresConnections.TunedForShortStatements(options.ConnectionString), npgsql => npgsql.MigrationsHistoryTable(GatewayDbContext.MigrationsHistoryTable)));
        else
            services.AddDbContext<GatewayDbContext, SqliteGatewayDbContext>(db =>
                db.UseSqlite(options.ConnectionString, sqlite => sqlite.MigrationsHistoryTable(GatewayDbContext.MigrationsHistoryTable)));
    }
}
