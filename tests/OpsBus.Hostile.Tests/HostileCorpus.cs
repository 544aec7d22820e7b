using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;

namespace OpsBus.Hostile.Tests;

/// <summary>
/// Generates the bad requests: every <c>/api</c> and <c>/hubs</c> endpoint the app maps (read from its
/// <see cref="EndpointDataSource"/>, so a new endpoint is covered without touching this file) crossed with the hostile
/// variants that apply to it.
/// </summary>
internal sealed partial class HostileCorpus(HostileWorld world, IReadOnlyList<RouteEndpoint> endpoints)
{
    private const string Json = "application/json";
    private const string MadeUpValue = "\u0000 not/a value \u2717";

    private static readonly string[] MalformedJson =
    [
        "{", "{\"a\":}", "{'single':'quotes'}", "{\"a\":1,}", "nul", "{\"a\":1}{\"b\":2}", "{\"a\": NaN}",
        "/* comment */ {}", "{\"a\":\"\\u12\"}", "{\"a\":1", "\u0000", "{\"a\":\"unterminated}",
    ];

    private static readonly string[] WrongRoots = ["[]", "\"a string\"", "42", "null", "true", "[{\"a\":1}]"];

    private static readonly string[] HugeNumbers = ["2147483648", "-9223372036854775809", "1e400", "-1e400", "0.5"];

    /// <summary>The routes as (method, pattern), sorted so the corpus is the same on every run.</summary>
    public IReadOnlyList<(string Method, string Pattern)> Routes { get; } = endpoints
        .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api", StringComparison.Ordinal) || raw.StartsWith("/hubs", StringComparison.Ordinal)))
        .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            .Select(method => (method, e.RoutePattern.RawText!)))
        .Distinct()
        .OrderBy(r => r.Item2, StringComparer.Ordinal).ThenBy(r => r.method, StringComparer.Ordinal)
        .ToList();

    public IEnumerable<HostileCase> Generate()
    {
        foreach (var (method, pattern) in Routes)
        {
            foreach (var hostile in Unauthenticated(method, pattern))
                yield return hostile;
            if (!pattern.StartsWith("/api", StringComparison.Ordinal))
                continue;
            foreach (var hostile in Paths(method, pattern).Concat(WrongRole(method, pattern)).Concat(CrossOwner(method, pattern)))
                yield return hostile;
            if (method is "POST" or "PUT" or "PATCH")
            {
                foreach (var hostile in Bodies(method, pattern))
                    yield return hostile;
            }
        }
        foreach (var hostile in MethodsNotAllowed().Concat(Queries()).Concat(Headers()))
            yield return hostile;
        yield return IdempotencyReplay();
    }

    /// <summary>No key, a made-up key, a key of the right shape that was never issued, another scheme, a key in the query.</summary>
    private IEnumerable<HostileCase> Unauthenticated(string method, string pattern)
    {
        var path = Fill(pattern);
        var only401 = new HashSet<int> { 401 };
        yield return new HostileCase("unauthenticated: no key", method, path, null) { Allowed = only401 };
        yield return new HostileCase("unauthenticated: garbage key", method, path, "not-a-key") { Allowed = only401 };
        yield return new HostileCase("unauthenticated: unknown key", method, path, "opsbus_fakefake_0123456789abcdefghijklmnopqrstuv") { Allowed = only401 };
        yield return new HostileCase("unauthenticated: other scheme", method, path, null,
            Headers: new Dictionary<string, string> { ["Authorization"] = "Basic YWRtaW46YWRtaW4=" }) { Allowed = only401 };
        if (pattern.StartsWith("/api", StringComparison.Ordinal))
            yield return new HostileCase("unauthenticated: key in query", method, $"{path}?access_token={HostileEdge.AdminKey}", null) { Allowed = only401 };
    }

    /// <summary>Traversal, injection, NUL, overlong and out-of-range values in each path parameter.</summary>
    private IEnumerable<HostileCase> Paths(string method, string pattern)
    {
        if (!Parameter().IsMatch(pattern))
            yield break;
        foreach (var segment in HostileStrings.PathSegments)
            yield return new HostileCase("path: traversal, injection, overlong", method, Parameter().Replace(pattern, segment), CallerOf(pattern),
                BodyOf(method, pattern), ContentTypeOf(method));
        yield return new HostileCase("path: NUL byte, refused by Kestrel", method, Parameter().Replace(pattern, "%00"), CallerOf(pattern))
            { Allowed = new HashSet<int> { 400 }, MayAnswerWithoutBody = true };
    }

    /// <summary>
    /// An auditor changing anything, or an operator doing an admin's job, with a well-formed body. Not the GitHub
    /// webhook: it takes no key (the signature is its authentication), so an unsigned call is a 401 whoever sends it.
    /// </summary>
    private IEnumerable<HostileCase> WrongRole(string method, string pattern)
    {
        if (method == "GET" || pattern == "/api/intents/parse" || pattern.StartsWith("/api/webhooks/", StringComparison.Ordinal))
            yield break;
        var forbidden = new HashSet<int> { 403, 404 };
        yield return new HostileCase("role: auditor changes state", method, FillOwned(pattern), world.Auditor, BodyOf(method, pattern), ContentTypeOf(method))
            { Allowed = forbidden };
        if (CallerOf(pattern) == HostileEdge.AdminKey)
            yield return new HostileCase("role: operator does an admin's job", method, FillOwned(pattern), world.Alice, BodyOf(method, pattern), ContentTypeOf(method))
                { Allowed = forbidden };
    }

    /// <summary>Bob reading or changing Alice's run, session or schedule, with a well-formed body.</summary>
    private IEnumerable<HostileCase> CrossOwner(string method, string pattern)
    {
        if (FillOwned(pattern) is not { } path || path == Fill(pattern) || pattern.StartsWith("/api/templates", StringComparison.Ordinal))
            yield break;
        yield return new HostileCase("cross-owner: another operator's row", method, path, world.Bob, BodyOf(method, pattern), ContentTypeOf(method))
            { Allowed = new HashSet<int> { 403, 404 } };
    }

    /// <summary>Malformed JSON, wrong roots and types, deep nesting, unknown fields, huge bodies, invalid UTF-8, wrong media types, bad values.</summary>
    private IEnumerable<HostileCase> Bodies(string method, string pattern)
    {
        var path = Fill(pattern);
        var caller = CallerOf(pattern);
        HostileCase Case(string category, byte[] body, string contentType = Json) => new(category, method, path, caller, body, contentType);

        foreach (var text in MalformedJson)
            yield return Case("body: malformed JSON", Encoding.UTF8.GetBytes(text));
        foreach (var text in WrongRoots)
            yield return Case("body: wrong root type", Encoding.UTF8.GetBytes(text));
        yield return Case("body: deeply nested", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 5000)) + "1" + new string('}', 5000)));
        yield return Case("body: deeply nested", Encoding.UTF8.GetBytes(new string('[', 100_000) + new string(']', 100_000)));
        yield return Case("body: unknown fields only", Encoding.UTF8.GetBytes("{\"$type\":\"System.IO.FileInfo\",\"__proto__\":{\"admin\":true},\"isAdmin\":true}"));
        yield return Case("body: huge", Encoding.UTF8.GetBytes("{\"a\":\"" + new string('x', 2 * 1024 * 1024) + "\"}"));
        yield return Case("body: invalid UTF-8", [.. "{\"name\":\""u8, 0xC3, 0x28, 0xFF, 0xFE, .. "\"}"u8]);
        yield return Case("body: wrong media type", Encoding.UTF8.GetBytes("<run><lane>A</lane></run>"), "application/xml");
        yield return Case("body: wrong media type", Encoding.UTF8.GetBytes("lane=A&template=x"), "application/x-www-form-urlencoded");

        var valid = HostileBodies.For(method, pattern);
        foreach (var (field, value) in valid)
        {
            yield return Case("body: wrong field type", Mutated(valid, field, WrongTypeFor(value)));
            if (value is JsonValue number && number.GetValueKind() == System.Text.Json.JsonValueKind.Number)
            {
                foreach (var huge in HugeNumbers)
                    yield return Case("body: negative or huge number", Mutated(valid, field, JsonNode.Parse(huge)));
            }
        }
        foreach (var field in HostileBodies.ClosedFields(method, pattern))
            yield return Case("body: invalid enum or closed value", Mutated(valid, field, valid[field] is JsonArray ? new JsonArray(MadeUpValue) : MadeUpValue));
        if (valid.Count > 0 && HostileBodies.ClosedFields(method, pattern).Count > 0)
        {
            foreach (var injection in HostileStrings.Injections)
                yield return Case("body: injection in every text field", Encoding.UTF8.GetBytes(Injected(valid, injection).ToJsonString()));
        }
    }

    /// <summary>A method the route does not have.</summary>
    private IEnumerable<HostileCase> MethodsNotAllowed() =>
        Routes.GroupBy(r => r.Pattern)
            .Where(g => g.Key.StartsWith("/api", StringComparison.Ordinal))
            .SelectMany(g => new[] { "PATCH", "PUT", "DELETE" }.Except(g.Select(r => r.Method)).Except(CatchAllMethodsCovering(g.Key))
                .Select(method => new HostileCase("method not allowed", method, Fill(g.Key), HostileEdge.AdminKey)
                    { Allowed = new HashSet<int> { 404, 405 } }));

    /// <summary>The methods of catch-all routes (<c>/api/spec-docs/{**slug}</c>) that also answer <paramref name="pattern"/>'s paths.</summary>
    private IEnumerable<string> CatchAllMethodsCovering(string pattern) =>
        Routes.Where(r => r.Pattern.IndexOf("{*", StringComparison.Ordinal) is var at && at > 0
                && pattern.StartsWith(r.Pattern[..at].TrimEnd('/'), StringComparison.Ordinal))
            .Select(r => r.Method);

    /// <summary>Out-of-range, malformed and injected query parameters on the list endpoints.</summary>
    private IEnumerable<HostileCase> Queries()
    {
        string[] runs = ["limit=-1", "limit=0", "limit=99999999999", "limit=abc", "cursor=not-a-cursor", "cursor=%00%FF",
            "status=%27%20OR%201%3D1--", "status=bogus"];
        foreach (var query in runs)
            yield return new HostileCase("query: out of range or malformed", "GET", $"/api/runs?{query}", world.Alice);
        foreach (var query in new[] { "afterSeq=-1", "afterSeq=abc", "limit=0", "limit=1001", "limit=-5" })
            yield return new HostileCase("query: out of range or malformed", "GET", $"/api/runs/{world.AliceRun}/events?{query}", world.Alice);
    }

    /// <summary>A header the app must refuse (a 16 KiB key), and headers past Kestrel's limit, refused before the app with 431 and no body.</summary>
    private IEnumerable<HostileCase> Headers()
    {
        foreach (var (method, pattern) in Routes.Where(r => r.Pattern.StartsWith("/api", StringComparison.Ordinal)).Take(10))
        {
            yield return new HostileCase("headers: huge key", method, Fill(pattern), "opsbus_" + new string('k', 16 * 1024)) { Allowed = new HashSet<int> { 401 } };
            yield return new HostileCase("headers: past the server's limit", method, Fill(pattern), world.Alice,
                Headers: new Dictionary<string, string> { ["X-Hostile"] = new string('h', 64 * 1024) })
                { Allowed = new HashSet<int> { 431 }, MayAnswerWithoutBody = true };
        }
    }

    /// <summary>Alice's idempotency key sent again with a different body.</summary>
    private HostileCase IdempotencyReplay()
    {
        var body = HostileBodies.For("POST", "/api/runs");
        body["priority"] = 7;
        return new HostileCase("idempotency key replayed with another body", "POST", "/api/runs", world.Alice,
            Encoding.UTF8.GetBytes(body.ToJsonString()), Json, new Dictionary<string, string> { ["Idempotency-Key"] = world.IdempotencyKey })
            { Allowed = new HashSet<int> { 422 } };
    }

    /// <summary>Admins own keys, templates and notification channels; operators the rest.</summary>
    private string CallerOf(string pattern) =>
        pattern.StartsWith("/api/keys", StringComparison.Ordinal) || pattern.StartsWith("/api/templates", StringComparison.Ordinal)
        || pattern.StartsWith("/api/notifications", StringComparison.Ordinal)
            ? HostileEdge.AdminKey
            : world.Alice;

    private static byte[]? BodyOf(string method, string pattern) =>
        method is "POST" or "PUT" or "PATCH" ? Encoding.UTF8.GetBytes(HostileBodies.For(method, pattern).ToJsonString()) : null;

    private static string? ContentTypeOf(string method) => method is "POST" or "PUT" or "PATCH" ? Json : null;

    /// <summary>The pattern with each parameter made a value that names nothing.</summary>
    private static string Fill(string pattern) =>
        Parameter().Replace(pattern, match => match.Groups[1].Value switch
        {
            "version" => "1",
            "slug" or "path" => "hostile-missing",
            _ => Guid.NewGuid().ToString(),
        });

    /// <summary>The pattern with <c>{id}</c> made Alice's run, session or schedule where the route is about one.</summary>
    private string FillOwned(string pattern) =>
        pattern.StartsWith("/api/runs/{id}", StringComparison.Ordinal) ? Fill(pattern.Replace("{id}", world.AliceRun.ToString(), StringComparison.Ordinal))
        : pattern.StartsWith("/api/sessions/{id}", StringComparison.Ordinal) ? Fill(pattern.Replace("{id}", HostileBodies.Session, StringComparison.Ordinal))
        : pattern.StartsWith("/api/schedules/{id}", StringComparison.Ordinal) ? Fill(pattern.Replace("{id}", world.AliceSchedule.ToString(), StringComparison.Ordinal))
        : Fill(pattern);

    private static JsonNode WrongTypeFor(JsonNode? value) => value switch
    {
        JsonArray => new JsonObject { ["not"] = "a list" },
        JsonObject => new JsonArray(1, 2),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => new JsonArray("a", "b"),
        _ => new JsonObject { ["not"] = "a value" },
    };

    private static byte[] Mutated(JsonObject valid, string field, JsonNode? value)
    {
        var copy = valid.DeepClone().AsObject();
        copy[field] = value;
        return Encoding.UTF8.GetBytes(copy.ToJsonString());
    }

    private static JsonNode Injected(JsonNode node, string injection) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Injected(p.Value!, injection)))),
        JsonArray a => new JsonArray([.. a.Select(n => (JsonNode?)Injected(n!, injection))]),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => JsonValue.Create(injection),
        _ => node.DeepClone(),
    };

    [GeneratedRegex(@"\{\*{0,2}([a-zA-Z]+)(:[^}]*)?\}")]
    private static partial Regex Parameter();
}
