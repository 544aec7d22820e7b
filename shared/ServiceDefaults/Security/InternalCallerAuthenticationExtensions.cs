using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace OpsBus.ServiceDefaults.Security;

public static class InternalCallerAuthenticationExtensions
{
    /// <summary>
    /// For the services behind the gateway (distributed mode): callers are authenticated by the gateway's signed caller
    /// headers, verified with <c>OpsBus:InternalSecret</c>.
    /// </summary>
    public static IHostApplicationBuilder AddInternalCallerAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(InternalCaller.Scheme)
            .AddScheme<InternalCallerOptions, InternalCallerAuthenticationHandler>(InternalCaller.Scheme,
                options => options.Secret = builder.Configuration["OpsBus:InternalSecret"]);
        builder.Services.AddAuthorization();
        return builder;
    }
}
