using System.Collections.Concurrent;
using Xunit.Abstractions;

namespace OpsBus.Hostile.Tests;

public sealed class When_the_embedded_system_is_sent_the_hostile_corpus(ITestOutputHelper output)
{
    [Fact]
    public async Task Should_refuse_every_request_with_a_problem_and_change_nothing()
    {
        await using var edge = HostileEdge.Start();
        var world = await HostileWorld.CreateAsync(edge);
        var before = await HostileWorld.CountRowsAsync(edge);
        var corpus = new HostileCorpus(world, edge.Endpoints);
        var cases = corpus.Generate().ToList();
        output.WriteLine($"{cases.Count} hostile requests on {corpus.Routes.Count} routes:");
        foreach (var category in cases.GroupBy(c => c.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
            output.WriteLine($"  {category.Count(),4}  {category.Key}");

        var failures = new ConcurrentBag<string>();
        using var client = edge.ClientWith(null);
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (hostile, _) =>
        {
            try
            {
                if (await HostileSender.SendAsync(client, hostile) is { } failure)
                    failures.Add(failure);
            }
            catch (HttpRequestException e)
            {
                failures.Add($"{hostile} failed on the wire: {e.Message}");
            }
        });

        Assert.True(cases.Count >= 500, $"Only {cases.Count} hostile requests were generated.");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {cases.Count} answers were wrong:\n{string.Join('\n', failures.Order(StringComparer.Ordinal))}");
        Assert.Equal(before, await HostileWorld.CountRowsAsync(edge));
        using var ready = await client.GetAsync("/health/ready");
        Assert.Equal(200, (int)ready.StatusCode);
    }
}
