using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OpsBus.Gateway.ApiKeys;
using OpsBus.ServiceDefaults.Security;

namespace OpsBus.Gateway.Authentication;

public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;api key&gt;</c>, or for <c>/hubs/*</c> SignalR's <c>access_token</c>
/// query parameter (browsers cannot set headers on WebSockets). Challenges and refusals answer with problem details.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<ApiKeyAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys) : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ReadKey() is not { } key)
            return AuthenticateResult.NoResult();
        if (await keys.AuthenticateAsync(key, Context.RequestAborted) is not { } caller)
            return AuthenticateResult.Fail("The API key is unknown or revoked.");

        var principal = CallerPrincipalExtensions.CreateCaller(caller.Name, [caller.Role], ApiKeyDefaults.Scheme);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(ApiKeyDefaults.KeyIdClaim, caller.KeyId.ToString()));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, ApiKeyDefaults.Scheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = "Bearer";
        var detail = result.Failure is null
            ? "An API key is required: Authorization: Bearer <key>."
            : "The API key is unknown or revoked.";
        await TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        TypedResults.Problem("This API key's role does not allow this.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden").ExecuteAsync(Context);

    private string? ReadKey()
    {
        var authorization = Request.Headers[HeaderNames.Authorization].ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return authorization["Bearer ".Length..].Trim() is { Length: > 0 } bearer ? bearer : null;
        if (Request.Path.StartsWithSegments("/hubs") && Request.Query["access_token"].ToString() is { Length: > 0 } token)
            return token;
        return null;
    }
}
