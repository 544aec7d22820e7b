namespace OpsBus.Runbooks.Intents;

/// <summary>Reads a sentence for one template. Stateless; must not throw.</summary>
internal interface IIntentRecognizer
{
    string Template { get; }

    /// <summary>Phrasings that this recognizer understands fully, shown to the operator as suggestions.</summary>
    IReadOnlyList<string> Examples { get; }

    /// <summary>Zero readings when the sentence has none of the template's cues; several when the environment is ambiguous.</summary>
    IEnumerable<IntentCandidate> Recognize(Utterance utterance);
}
