using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpsBus.LaneWorker.Actions;
using OpsBus.LaneWorker.Adapters.DigitalOcean;
using OpsBus.LaneWorker.Adapters.GitHub;
using OpsBus.LaneWorker.Adapters.Supabase;
using OpsBus.LaneWorker.Adapters.Vercel;

namespace OpsBus.LaneWorker.Adapters;

public static class VendorAdapterExtensions
{
    /// <summary>
    /// The vendor actions (GitHub, Vercel, DigitalOcean, Supabase), their options from <c>LaneWorker:&lt;Vendor&gt;</c> and one
    /// resilient named HTTP client per vendor. Expects <see cref="LaneWorkerOptions"/> to be registered (its <c>Http</c>
    /// section drives timeouts and retries). Actions of a vendor without a token fail with a message saying what to set.
    /// </summary>
    public static IServiceCollection AddVendorAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        services.AddVendor<GitHubOptions>(configuration);
        services.TryAddSingleton<GitHubClients>();
        services.AddSingleton<IRunAction, GitHubPullRequestOpenAction>();
        services.AddSingleton<IRunAction, GitHubStatusSetAction>();
        services.AddSingleton<IRunAction, GitHubWorkflowDispatchAction>();
        services.AddSingleton<IRunAction, GitHubWorkflowStatusAction>();

        services.AddVendor<VercelOptions>(configuration);
        services.TryAddSingleton<VercelApi>();
        services.AddSingleton<IRunAction, VercelDeploymentsListAction>();
        services.AddSingleton<IRunAction, VercelDeployAction>();
        services.AddSingleton<IRunAction, VercelLogsAction>();

        services.AddVendor<DigitalOceanOptions>(configuration);
        services.AddSingleton<IRunAction, DigitalOceanDropletHealthAction>();
        services.AddSingleton<IRunAction, DigitalOceanAppStatusAction>();

        services.AddVendor<SupabaseOptions>(configuration);
        services.AddSingleton<IRunAction, SupabaseHealthAction>();
        services.AddSingleton<IRunAction, SupabaseSqlSmokeAction>();
        return services;
    }

    private static void AddVendor<TOptions>(this IServiceCollection services, IConfiguration configuration)
        where TOptions : VendorOptions, new()
    {
        var defaults = new TOptions();
        services.AddOptions<TOptions>()
            .Bind(configuration.GetSection(defaults.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, VendorOptionsValidator<TOptions>>();
        services.AddAdapterHttpClient(defaults.ClientName, (sp, client) =>
        {
            var options = sp.GetRequiredService<IOptions<TOptions>>().Value;
            client.BaseAddress = options.BaseAddress;
            client.DefaultRequestHeaders.UserAgent.ParseAdd("OpsBus-LaneWorker");
            client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        });
    }
}
