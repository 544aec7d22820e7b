using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsBus.ServiceDefaults.Security;

namespace OpsBus.Testing;

/// <summary>
/// Stands in for the gateway's API-key scheme in tests of the services behind it: the key <c>alice:operator</c>
/// (name, then comma-separated roles) arrives as <c>Authorization: Bearer alice:operator</c> or as SignalR's
/// <c>access_token</c> query parameter. No key is an anonymous request.
/// </summary>
public sealed class TestCallerAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TestCaller";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        var key = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : Request.Query["access_token"].ToString();
        if (key.Length == 0)
            return Task.FromResult(AuthenticateResult.NoResult());

        var parts = key.Split(':', 2);
        if (parts[0].Length == 0)
            return Task.FromResult(AuthenticateResult.Fail("Malformed test key."));

        var roles = parts.Length == 2 ? parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
        var caller = CallerPrincipalExtensions.CreateCaller(parts[0], roles, SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(caller, SchemeName)));
    }
}
