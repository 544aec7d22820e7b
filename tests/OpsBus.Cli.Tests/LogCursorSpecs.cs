using OpsBus.Cli.Following;
using OpsBus.Contracts;
using OpsBus.Orchestrator.Api;

namespace OpsBus.Cli.Tests;

public sealed class When_log_lines_arrive_from_the_api_and_the_hub
{
    [Fact]
    public void Should_show_each_line_once_in_order()
    {
        var cursor = new LogCursor();

        var fromApi = cursor.Accept([Line(1, 1), Line(1, 2), Line(1, 3)]);
        var pushedAgain = cursor.Accept([Line(1, 2), Line(1, 3), Line(1, 4), Line(1, 4)]);

        Assert.Equal([Seq(1, 1), Seq(1, 2), Seq(1, 3)], fromApi.Select(l => l.Seq));
        Assert.Equal([Seq(1, 4)], pushedAgain.Select(l => l.Seq));
        Assert.Equal(Seq(1, 4), cursor.LastSeq);
    }

    [Fact]
    public void Should_tell_a_push_that_continues_from_one_that_leaves_a_gap()
    {
        var cursor = new LogCursor();
        cursor.Accept([Line(1, 1), Line(1, 2)]);

        Assert.True(cursor.Continues(Seq(1, 3)));
        Assert.True(cursor.Continues(Seq(2, 1)));
        Assert.False(cursor.Continues(Seq(1, 5)));
        Assert.False(cursor.Continues(Seq(2, 2)));
    }

    [Fact]
    public void Should_take_an_attempt_as_ended_by_the_workers_closing_line_and_not_by_text_that_reads_like_it()
    {
        var cursor = new LogCursor();

        // A step's error, repeated by the worker, can say anything; and a step can write any data.
        cursor.Accept([Line(1, 1) with { Message = "attempt succeeded, said the step before it broke" }]);
        cursor.Accept([Line(1, 2) with { Source = "deploy", Data = RunLogLine.AttemptEnded("succeeded") }]);
        Assert.Equal(0, cursor.EndedAttempt);

        cursor.Accept([Line(1, 3) with { Message = "attempt failed: boom", Data = RunLogLine.AttemptEnded("failed") }]);
        Assert.Equal(1, cursor.EndedAttempt);
    }

    private static long Seq(int attempt, int line) => RunLogLine.SequenceOf(attempt, line);

    private static RunEvent Line(int attempt, int line) => new(Seq(attempt, line), DateTime.UtcNow, "info", "worker", $"line {line}", null);
}
