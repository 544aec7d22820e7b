using System.Text.Json;
using OpsBus.Runbooks.Secrets;

namespace OpsBus.Runbooks.Tests.Secrets;

public sealed class SecretProtectorSpecs
{
    private readonly SecretProtector _protector = SecretProtector.FromBase64(SecretProtector.NewKey());

    [Fact]
    public void A_sealed_value_opens_to_the_original_and_does_not_contain_it()
    {
        var sealedValue = _protector.Seal("hunter2-token");

        Assert.DoesNotContain("hunter2", sealedValue, StringComparison.Ordinal);
        Assert.True(_protector.TryOpen(sealedValue, out var opened));
        Assert.Equal("hunter2-token", opened);
    }

    [Fact]
    public void Sealing_twice_gives_different_ciphertexts()
    {
        Assert.NotEqual(_protector.Seal("same"), _protector.Seal("same"));
    }

    [Fact]
    public void A_value_sealed_with_another_key_or_tampered_with_does_not_open()
    {
        var other = SecretProtector.FromBase64(SecretProtector.NewKey());
        var sealedValue = other.Seal("x");
        var tampered = sealedValue[..^4] + (sealedValue[^4] == 'A' ? "B" : "A") + sealedValue[^3..];

        Assert.False(_protector.TryOpen(sealedValue, out _));
        Assert.False(other.TryOpen(tampered, out _));
        Assert.False(_protector.TryOpen("not sealed", out _));
    }

    [Fact]
    public void A_key_that_is_not_32_bytes_is_refused()
    {
        Assert.Throws<ArgumentException>(() => SecretProtector.FromBase64(Convert.ToBase64String(new byte[16])));
        Assert.Throws<ArgumentException>(() => SecretProtector.FromBase64("%%%"));
    }

    [Fact]
    public void Envelopes_are_masked_at_any_depth()
    {
        var input = JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["token"] = new Dictionary<string, string> { ["$secret"] = "v1:abc" },
            ["headers"] = new object[] { new Dictionary<string, object> { ["auth"] = new Dictionary<string, string> { ["$secret"] = "v1:def" } } },
            ["plain"] = "visible",
        });

        var masked = SecretEnvelope.MaskAll(input).GetRawText();

        Assert.DoesNotContain("v1:", masked, StringComparison.Ordinal);
        Assert.Contains("\"token\":\"***\"", masked, StringComparison.Ordinal);
        Assert.Contains("\"auth\":\"***\"", masked, StringComparison.Ordinal);
        Assert.Contains("visible", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void The_masker_replaces_every_occurrence_longest_value_first()
    {
        var masker = new SecretMasker(["abc", "abcdef", ""]);

        Assert.Equal("key=*** and ***", masker.Mask("key=abcdef and abc"));
        Assert.Equal("nothing here", SecretMasker.None.Mask("nothing here"));
    }
}
