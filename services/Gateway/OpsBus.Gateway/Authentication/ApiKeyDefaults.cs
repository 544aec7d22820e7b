namespace OpsBus.Gateway.Authentication;

public static class ApiKeyDefaults
{
    /// <summary>The authentication scheme of user API keys; the caller principal's authentication type too.</summary>
    public const string Scheme = "ApiKey";

    /// <summary>The claim naming the key itself, so limits apply per key rather than per caller name.</summary>
    public const string KeyIdClaim = "opsbus:key_id";
}
