using System.Globalization;
using System.Text;

namespace OpsBus.Cli.Api;

/// <summary>The filters of <c>GET /api/runs</c>; unset ones are left out of the query.</summary>
public sealed record RunFilter(string? Status = null, string? Lane = null, string? Template = null, string? SessionId = null,
    string? Text = null, int? Limit = null, string? Cursor = null)
{
    public string ToQuery()
    {
        var query = new StringBuilder();
        Add("status", Status);
        Add("lane", Lane);
        Add("template", Template);
        Add("sessionId", SessionId);
        Add("q", Text);
        Add("limit", Limit?.ToString(CultureInfo.InvariantCulture));
        Add("cursor", Cursor);
        return query.ToString();

        void Add(string name, string? value)
        {
            if (string.IsNullOrEmpty(value))
                return;
            query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
    }
}
