using System.Text.Json;

namespace OpsBus.Cli.Api;

/// <summary>An answer of the API: typed for tables, and the JSON exactly as sent for <c>--json</c>.</summary>
public sealed record ApiResponse<T>(T Value, JsonElement Json);
