using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpsBus.Testing.Logging;

namespace OpsBus.Hostile.Tests.Security;

/// <summary>
/// Logging as an operator who turned every category up to Trace in configuration would have it, captured: what a
/// secret-keeping spec searches. Filters the product adds in code stay in force, as they would for that operator.
/// </summary>
internal static class VerboseLogging
{
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Trace",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
        ["Logging:LogLevel:MassTransit"] = "Trace",
        ["Logging:LogLevel:Yarp"] = "Trace",
        ["Logging:LogLevel:System"] = "Trace",
    };

    public static Action<IServiceCollection> CaptureInto(CapturedLogs logs) => services =>
    {
        services.AddSingleton<ILoggerProvider>(logs);
        services.Configure<LoggerFilterOptions>(options => options.MinLevel = LogLevel.Trace);
    };
}
