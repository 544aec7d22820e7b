using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace OpsBus.Orchestrator.Api;

/// <summary>Where a page of the run list ended: the last run's creation time and id, opaque to clients.</summary>
internal readonly record struct RunCursor(DateTime CreatedAt, Guid Id)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture) + ":" + Id.ToString("N")));

    public static bool TryDecode(string value, out RunCursor cursor)
    {
        cursor = default;
        if (value.Length > 100)
            return false;
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(value)).Split(':');
            if (parts.Length != 2
                || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks > DateTime.MaxValue.Ticks
                || !Guid.TryParseExact(parts[1], "N", out var id))
                return false;
            cursor = new RunCursor(new DateTime(ticks, DateTimeKind.Utc), id);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
