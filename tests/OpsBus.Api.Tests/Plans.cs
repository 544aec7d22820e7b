namespace OpsBus.Api.Tests;

/// <summary>Request bodies as a client writes them.</summary>
internal static class Plans
{
    public static object Step(string id, string action, object? inputs = null, string phase = "action") =>
        new { id, title = $"{action} {id}", phase, action, inputs };

    public static object Echo(string message = "hello", string lane = "A", string? sessionId = null, string? environment = null) =>
        Run([Step("greet", "echo", new { message })], lane, sessionId, environment);

    public static object Sleep(double seconds, string lane = "A", string? sessionId = null) =>
        Run([Step("wait", "sleep", new { seconds })], lane, sessionId);

    public static object Fail(string message, string? environment = null) =>
        Run([Step("boom", "fail", new { message })], environment: environment);

    public static object Run(object[] steps, string lane = "A", string? sessionId = null, string? environment = null) =>
        new { plan = new { steps }, lane, sessionId, environment };
}
