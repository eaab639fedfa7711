using Concord.Observables;
using Concord.Platform;

namespace Concord.Intel.Features.Correlation;

/// <summary>Reads a value someone asks about: <c>kind:value</c> names the kind, otherwise the text tells it.</summary>
internal static class LookupValue
{
    public static Result<Observable> Parse(string? input, string field)
    {
        var text = input?.Trim() ?? "";
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && ObservableKinds.TryParseName(text[..colon], out var kind))
        {
            return Observable.Parse(kind, text[(colon + 1)..], field);
        }

        var detected = Observable.Detect(text, field);
        if (detected.IsSuccess)
        {
            return detected;
        }

        // Analysts paste defanged values (hxxp://evil[.]example); refang only when the text as given is unusable.
        var refanged = Refang.Apply(text);
        return refanged != text && Observable.Detect(refanged, field) is { IsSuccess: true } again ? again : detected;
    }
}
