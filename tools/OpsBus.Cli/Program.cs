namespace OpsBus.Cli;

public static class Program
{
    /// <summary>How long Ctrl+C waits for a command to stop cleanly (the embedded system stops its bus and workers).</summary>
    private static readonly TimeSpan GracefulStop = TimeSpan.FromSeconds(15);

    public static Task<int> Main(string[] args) => CliApp.RunAsync(args, CliContext.FromProcess(), CancellationToken.None, GracefulStop);
}
