using System.Text.Json;

namespace Concord.Stix.Validation;

/// <summary>
/// A rule plugged into the validator beside the built-in table (the seam for the STIX pattern-syntax rule and the
/// deterministic SCO id rule). It runs once per object after the built-in checks and reports through the sink.
/// </summary>
public interface IStixValidationRule
{
    /// <summary>Checks <paramref name="stixObject"/>, whose <c>type</c> is <paramref name="type"/> (empty when missing).</summary>
    void Check(JsonElement stixObject, string type, StixIssueSink sink);
}

/// <summary>Where a plug-in rule reports its findings; paths are absolute JSON paths such as <c>$.pattern</c>.</summary>
public readonly struct StixIssueSink
{
    private readonly ValidationContext _context;

    internal StixIssueSink(ValidationContext context) => _context = context;

    /// <summary>Reports a MUST violation.</summary>
    public void Error(string path, string rule, string message) => _context.AddAbsolute(StixSeverity.Error, path, rule, message);

    /// <summary>Reports a SHOULD violation.</summary>
    public void Warning(string path, string rule, string message) => _context.AddAbsolute(StixSeverity.Warning, path, rule, message);
}
