using System.Text;
using OpsBus.Runbooks.Intents;

namespace OpsBus.Runbooks.Tests.Intents;

public sealed class When_the_same_text_is_parsed_again
{
    [Fact]
    public void Should_give_the_same_reading_from_any_parser_on_any_thread()
    {
        var phrases = CorpusText.Phrases().Concat(CorpusText.Shuffled(seed: 7, count: 300)).ToArray();
        var shared = new IntentParser();
        var first = phrases.Select(phrase => Describe(new IntentParser().Parse(phrase))).ToArray();

        var concurrent = new string[phrases.Length];
        Parallel.For(0, phrases.Length, i => concurrent[i] = Describe(shared.Parse(phrases[i])));

        Assert.Equal(first, phrases.Select(phrase => Describe(shared.Parse(phrase))));
        Assert.Equal(first, concurrent);
    }

    private static string Describe(IntentResult result) =>
        string.Join(" / ", new[] { result.Best }.Concat(result.Alternatives).Select(match => match is null ? "none" :
            $"{match.Template}@{match.Environment}:{match.Confidence}:{string.Join(',', match.Params.Select(pair => $"{pair.Key}={pair.Value}"))}:{string.Join(',', match.Missing)}"))
        + " | " + string.Join(" / ", result.Suggestions);
}

public sealed class When_the_input_is_huge_or_garbage
{
    private readonly IntentParser _parser = new();

    [Fact]
    public void Should_read_only_the_first_500_characters()
    {
        var padding = new string('x', 600);

        var leading = _parser.Parse("deploy api to prod " + padding);
        var trailing = _parser.Parse(new string(' ', IntentParser.MaxInputLength) + "deploy api to prod");

        Assert.Equal("deploy", leading.Best?.Template);
        Assert.Equal("prod", leading.Best?.Environment);
        Assert.Null(trailing.Best);
        Assert.NotEmpty(trailing.Suggestions);
    }

    [Fact]
    public void Should_treat_control_and_invisible_characters_as_spaces()
    {
        var result = _parser.Parse("deploy\u0000api\u200Bto\u001Fprod\r\n");

        Assert.Equal("deploy", result.Best?.Template);
        Assert.Equal("api", result.Best?.Params["service"]);
        Assert.Equal("prod", result.Best?.Environment);
    }

    [Fact]
    public void Should_never_throw_on_random_characters_or_null()
    {
        var random = new Random(42);
        var inputs = Enumerable.Range(0, 300)
            .Select(_ => new string(Enumerable.Range(0, random.Next(0, 2000)).Select(_ => (char)random.Next(0, 0xFFFF)).ToArray()))
            .Append(null)
            .Append(new string('\u0000', 10_000))
            .Append(string.Concat(Enumerable.Repeat("deploy ", 5_000)));

        foreach (var input in inputs)
        {
            var result = _parser.Parse(input);
            Assert.True(result.Best is not null || result.Suggestions.Count > 0);
        }
    }
}

public sealed class When_a_reading_is_only_a_guess
{
    private readonly IntentParser _parser = new();

    [Fact]
    public void Should_offer_it_as_an_alternative_and_never_as_the_best()
    {
        var result = _parser.Parse("deploy check sync prod");

        Assert.Null(result.Best);
        Assert.Equal(["deploy", "healthcheck", "schema-sync"], result.Alternatives.Select(match => match.Template).Order(StringComparer.Ordinal));
        Assert.All(result.Alternatives, match => Assert.InRange(match.Confidence, IntentParser.NoiseFloor, IntentParser.BestThreshold - 0.01));
        Assert.Contains("deploy staging", result.Suggestions);
    }

    [Fact]
    public void Should_keep_every_best_above_the_threshold_and_alternatives_in_confidence_order()
    {
        foreach (var phrase in CorpusText.Phrases().Concat(CorpusText.Shuffled(seed: 11, count: 2_000)))
        {
            var result = _parser.Parse(phrase);
            var all = result.Alternatives.Prepend(result.Best).OfType<IntentMatch>().ToArray();

            if (result.Best is { } best)
                Assert.True(best.Confidence >= IntentParser.BestThreshold, $"\"{phrase}\" gave a best of {best.Confidence}");
            else
                Assert.NotEmpty(result.Suggestions);
            Assert.All(all, match => Assert.InRange(match.Confidence, IntentParser.NoiseFloor, 0.99));
            Assert.Equal(all.Select(match => match.Confidence).OrderDescending(), all.Select(match => match.Confidence));
        }
    }
}

public sealed class When_something_required_is_missing
{
    [Fact]
    public void Should_suggest_complete_phrasings_of_that_template()
    {
        var result = new IntentParser().Parse("deploy api");

        Assert.Equal(["environment"], result.Best?.Missing);
        Assert.Contains("deploy api to prod", result.Suggestions);
    }

    [Fact]
    public void Should_give_no_suggestions_when_nothing_is_missing()
    {
        Assert.Empty(new IntentParser().Parse("deploy api to prod").Suggestions);
    }
}

/// <summary>Phrases to run property checks over: the corpus, and seeded shuffles of its words.</summary>
internal static class CorpusText
{
    public static IEnumerable<string> Phrases() => IntentCorpus.Phrasings.Select(row => (string)row[0]);

    public static IEnumerable<string> Shuffled(int seed, int count)
    {
        var words = Phrases().SelectMany(phrase => phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct().ToArray();
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var sentence = new StringBuilder();
            for (var n = random.Next(1, 8); n > 0; n--)
                sentence.Append(words[random.Next(words.Length)]).Append(' ');
            yield return sentence.ToString();
        }
    }
}
