using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpsBus.Gateway.Edge;
using OpsBus.Testing.Logging;

namespace OpsBus.Gateway.Tests.Infrastructure;

/// <summary>
/// The gateway host exactly as <c>dotnet run --project services/Gateway/OpsBus.Gateway.Host</c> composes it, on a
/// test server, with its own data folder and settings, its banner and logs captured.
/// </summary>
public sealed class EdgeFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    public const string AdminKey = "opsbus_testadmin_0123456789abcdefghijklmnopqrstuv";

    public DataDirectory Data { get; } = new();

    public StringWriter Banner { get; } = new();

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("OPSBUS_DATA_DIR", Data.Path);
        builder.UseSetting("OPSBUS_BOOTSTRAP_ADMIN_KEY", AdminKey);
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services => services.AddSingleton(new StartupBanner(TextWriter.Synchronized(Banner))));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Data.Dispose();
    }
}
