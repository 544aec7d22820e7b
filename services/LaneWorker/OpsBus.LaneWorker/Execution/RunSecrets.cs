using System.Text.Encodings.Web;
using System.Text.Json;
using OpsBus.Contracts;
using OpsBus.LaneWorker.Actions;
using OpsBus.Runbooks.Secrets;

namespace OpsBus.LaneWorker.Execution;

/// <summary>
/// The secrets of one run: opens the plan's envelopes with this worker's key (<c>Secrets:Key</c>) and masks every
/// value it opened in whatever leaves the worker: log lines, errors, outputs.
/// </summary>
public sealed class RunSecrets(SecretProtector? protector)
{
    private readonly object _gate = new();
    private readonly HashSet<string> _values = new(StringComparer.Ordinal);
    private SecretMasker _masker = SecretMasker.None;

    /// <summary>
    /// Opens every envelope of the plan it can, so each value is masked from the first log line on, whichever step
    /// uses it. Envelopes that cannot be opened are left for the step that needs them to fail on.
    /// </summary>
    public void Learn(RunPlan? plan)
    {
        if (protector is null)
            return;
        foreach (var value in (plan?.Steps ?? []).SelectMany(s => s?.Inputs?.Values ?? []))
            LearnFrom(value);
    }

    /// <summary>The plain value of a sealed one, remembered for masking; a step failure when it cannot be opened.</summary>
    public string Open(string sealedValue, string stepId, string input)
    {
        if (protector is null)
            throw new StepFailedException($"Step '{stepId}': input '{input}' holds a secret, but this worker has no Secrets:Key configured.", retryable: false);
        if (!protector.TryOpen(sealedValue, out var plain))
            throw new StepFailedException($"Step '{stepId}': the secret in input '{input}' could not be opened (another key sealed it, or it was altered).", retryable: false);
        Remember(plain);
        return plain;
    }

    /// <summary>The text with every secret value opened in this run replaced by <see cref="SecretEnvelope.Mask"/>.</summary>
    public string Mask(string text) => Volatile.Read(ref _masker).Mask(text);

    private void LearnFrom(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object when SecretEnvelope.TryRead(value, out var sealedValue):
                if (protector!.TryOpen(sealedValue, out var plain))
                    Remember(plain);
                break;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                    LearnFrom(property.Value);
                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                    LearnFrom(item);
                break;
        }
    }

    private void Remember(string value)
    {
        lock (_gate)
        {
            if (!_values.Add(value))
                return;
            // A value echoed inside a JSON text (a response body, say) appears escaped; mask those spellings too.
            _values.Add(JsonEncodedText.Encode(value).ToString());
            _values.Add(JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString());
            Volatile.Write(ref _masker, new SecretMasker(_values));
        }
    }
}
