using System.Text.Json;
using OpsBus.LaneWorker.Actions;

namespace OpsBus.LaneWorker.Tests;

public sealed class When_a_json_path_is_evaluated
{
    private static readonly JsonElement Document = JsonDocument.Parse("""
        {"status":"ok","items":[{"name":"api","tags":["a","b"]},{"name":"db"}],"nested":{"deep":{"value":null}}}
        """).RootElement;

    [Theory]
    [InlineData("$", null)]
    [InlineData("$.status", "\"ok\"")]
    [InlineData("$.items[1].name", "\"db\"")]
    [InlineData("$.items[0].tags[1]", "\"b\"")]
    [InlineData("$.nested.deep.value", "null")]
    public void Should_find_the_value_the_path_points_at(string path, string? expected)
    {
        Assert.True(JsonPath.Parse(path).TryEvaluate(Document, out var value));
        Assert.Equal(expected ?? Document.GetRawText(), value.GetRawText());
    }

    [Theory]
    [InlineData("$.missing")]
    [InlineData("$.items[2]")]
    [InlineData("$.status.length")]
    [InlineData("$.items.name")]
    [InlineData("$.status[0]")]
    public void Should_find_nothing_where_the_document_has_nothing(string path) =>
        Assert.False(JsonPath.Parse(path).TryEvaluate(Document, out _));

    [Theory]
    [InlineData("status")]
    [InlineData("$..status")]
    [InlineData("$.items[x]")]
    [InlineData("$.items[0")]
    [InlineData("$status")]
    public void Should_reject_a_path_it_cannot_read(string path) =>
        Assert.Throws<FormatException>(() => JsonPath.Parse(path));
}
