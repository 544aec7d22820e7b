using System.Net;

namespace OpsBus.Hostile.Tests;

public sealed class When_a_key_exceeds_its_rate_limit
{
    [Fact]
    public async Task Should_answer_429_with_retry_after_and_a_problem()
    {
        await using var edge = HostileEdge.Start(tokenLimit: 3);
        using var client = edge.ClientWith(HostileEdge.AdminKey);

        HttpResponseMessage? refused = null;
        for (var attempt = 0; attempt < 10 && refused is null; attempt++)
        {
            var response = await client.GetAsync("/api/me");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                refused = response;
            else
                response.Dispose();
        }

        Assert.NotNull(refused);
        using (refused)
        {
            Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {refused.Headers.RetryAfter}");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
    }
}
