using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OpsBus.ServiceDefaults.Security;

public sealed class InternalCallerOptions : AuthenticationSchemeOptions
{
    /// <summary>The secret shared by the gateway and the services behind it (<c>OpsBus__InternalSecret</c>).</summary>
    public string? Secret { get; set; }
}

/// <summary>Authenticates requests the gateway forwarded, by their signed caller headers.</summary>
public sealed class InternalCallerAuthenticationHandler(
    IOptionsMonitor<InternalCallerOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TimeProvider clock) : AuthenticationHandler<InternalCallerOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headers = Request.Headers;
        if (!headers.TryGetValue(InternalCaller.SignatureHeader, out var signature))
            return Task.FromResult(AuthenticateResult.NoResult());
        if (Options.Secret is not { Length: >= 16 } secret)
            return Task.FromResult(AuthenticateResult.Fail("No internal secret is configured."));

        var name = headers[InternalCaller.NameHeader].ToString();
        var roles = headers[InternalCaller.RolesHeader].ToString();
        var timestamp = headers[InternalCaller.TimestampHeader].ToString();
        if (name.Length == 0 || !InternalCaller.Verify(secret, name, roles, timestamp, signature.ToString(), clock.GetUtcNow()))
            return Task.FromResult(AuthenticateResult.Fail("Invalid internal caller signature."));

        var principal = CallerPrincipalExtensions.CreateCaller(name, roles.Split(',', StringSplitOptions.RemoveEmptyEntries), InternalCaller.Scheme);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, InternalCaller.Scheme)));
    }
}
