using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsBus.ServiceDefaults.Security;

namespace OpsBus.Api.Tests;

/// <summary>
/// Stands in for the host's real scheme (the gateway's API keys, or signed internal headers):
/// <c>X-Test-Caller: alice:operator</c> is alice with the operator role; no header is an anonymous request.
/// </summary>
internal sealed class TestCallerAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TestCaller";
    public const string Header = "X-Test-Caller";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var value))
            return Task.FromResult(AuthenticateResult.NoResult());
        var parts = value.ToString().Split(':', 2);
        var roles = parts.Length == 2 ? parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
        var principal = CallerPrincipalExtensions.CreateCaller(parts[0], roles, SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
