using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OpsBus.LaneWorker.Actions;

/// <summary>
/// A simple JSON path: <c>$</c> followed by <c>.property</c> and <c>[index]</c> steps, e.g. <c>$.items[0].name</c>.
/// Enough to point at one value of a response; no wildcards, filters or slices.
/// </summary>
public sealed class JsonPath
{
    private readonly IReadOnlyList<object> _segments;

    private JsonPath(string text, IReadOnlyList<object> segments)
    {
        Text = text;
        _segments = segments;
    }

    public string Text { get; }

    /// <summary>Parses a path; a <see cref="FormatException"/> says what is wrong with it.</summary>
    public static JsonPath Parse(string text)
    {
        if (!text.StartsWith('$'))
            throw new FormatException($"JSON path '{text}' must start with '$'.");
        var segments = new List<object>();
        var i = 1;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                var name = new StringBuilder();
                for (i++; i < text.Length && text[i] is not ('.' or '['); i++)
                    name.Append(text[i]);
                if (name.Length == 0)
                    throw new FormatException($"JSON path '{text}' has an empty property name.");
                segments.Add(name.ToString());
            }
            else if (text[i] == '[')
            {
                var close = text.IndexOf(']', i);
                if (close < 0 || !int.TryParse(text.AsSpan(i + 1, close - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    throw new FormatException($"JSON path '{text}' has an index that is not [number].");
                segments.Add(index);
                i = close + 1;
            }
            else
            {
                throw new FormatException($"JSON path '{text}': expected '.' or '[' at position {i}.");
            }
        }
        return new JsonPath(text, segments);
    }

    /// <summary>The value the path points at, if there is one.</summary>
    public bool TryEvaluate(JsonElement root, out JsonElement value)
    {
        value = root;
        foreach (var segment in _segments)
        {
            var current = value;
            switch (segment)
            {
                case string name when current.ValueKind == JsonValueKind.Object && current.TryGetProperty(name, out var property):
                    value = property;
                    break;
                case int index when current.ValueKind == JsonValueKind.Array && index < current.GetArrayLength():
                    value = current[index];
                    break;
                default:
                    return false;
            }
        }
        return true;
    }

    public override string ToString() => Text;
}
