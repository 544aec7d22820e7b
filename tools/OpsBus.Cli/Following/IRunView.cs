using OpsBus.Contracts;
using OpsBus.Orchestrator.Api;

namespace OpsBus.Cli.Following;

/// <summary>What a person sees of a followed run; <c>--json</c> follows with a view that shows nothing.</summary>
public interface IRunView
{
    /// <summary>The run as it is now: its status and steps.</summary>
    void Show(RunSnapshot run);

    /// <summary>New log lines, each once, in order.</summary>
    void Write(IReadOnlyList<RunEvent> lines);
}

/// <summary>Shows nothing: for <c>--json</c>, whose only output is the finished run.</summary>
public sealed class SilentRunView : IRunView
{
    public void Show(RunSnapshot run)
    {
    }

    public void Write(IReadOnlyList<RunEvent> lines)
    {
    }
}
