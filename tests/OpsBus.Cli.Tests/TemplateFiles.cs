namespace OpsBus.Cli.Tests;

/// <summary>Templates the specs apply with <c>opsbus templates apply -f</c>, each under a slug of its own.</summary>
internal static class TemplateFiles
{
    public static string Failing(string slug) => $"""
        slug: {slug}
        title: Always fails
        description: Fails its only step, without retry.
        defaultLane: A
        risk: read
        steps:
          - id: break
            title: Break on purpose
            phase: action
            action: fail
            inputs:
              message: broken on purpose
              retryable: false
        """;

    public static string Sleeping(string slug) => $"""
        slug: {slug}
        title: Waits a minute
        description: Sleeps long enough to be cancelled.
        defaultLane: A
        risk: read
        steps:
          - id: wait
            title: Wait
            phase: action
            action: sleep
            inputs:
              seconds: 60
        """;

    public static string Greeting(string slug, string title) => $$$"""
        slug: {{{slug}}}
        title: {{{title}}}
        description: Greets someone.
        defaultLane: A
        risk: read
        parameters:
          - key: name
            label: Who to greet
            type: string
            default: world
          - key: times
            label: How many times
            type: number
            default: 1
        steps:
          - id: greet
            title: Say hello
            phase: action
            action: echo
            inputs:
              message: Hello, ${{ params.name }}!
        """;

    /// <summary>Writes <paramref name="yaml"/> to a file in <paramref name="folder"/>; returns its path.</summary>
    public static string Write(string folder, string name, string yaml)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    public static string UniqueSlug(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
}
