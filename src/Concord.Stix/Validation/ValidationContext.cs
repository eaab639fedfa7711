using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Concord.Stix.Validation;

/// <summary>
/// State of one validation run: the JSON path to the value being checked, kept as a segment stack so that a path
/// string is only built when an issue is reported, and the issue list, allocated on the first issue. Valid objects
/// therefore cost no allocation once a thread's context is warm.
/// </summary>
internal sealed class ValidationContext
{
    [ThreadStatic]
    private static ValidationContext? s_cached;

    private readonly List<(string? Name, int Index, JsonProperty Property)> _path = new(16);
    private List<StixIssue>? _issues;

    public StixValidationOptions Options { get; private set; } = StixValidationOptions.Default;

    /// <summary>The top-level object being validated (granular-marking selectors resolve against it).</summary>
    public JsonElement Root { get; private set; }

    /// <summary>True when the object declares a toplevel-property-extension, whose properties need no <c>x_</c> prefix.</summary>
    public bool? HasToplevelExtension { get; set; }

    public static ValidationContext Rent(StixValidationOptions options, JsonElement root)
    {
        // Taking the cached instance out of the slot keeps a re-entrant Validate call (from a plug-in rule) safe.
        var context = s_cached ?? new ValidationContext();
        s_cached = null;
        context.Options = options;
        context.Root = root;
        context.HasToplevelExtension = null;
        return context;
    }

    public StixValidationResult Finish()
    {
        var result = _issues is { Count: > 0 } ? new StixValidationResult(_issues) : StixValidationResult.Valid;
        _issues = null;
        _path.Clear();
        Root = default;
        s_cached = this;
        return result;
    }

    public void Push(string name) => _path.Add((name, -1, default));

    /// <summary>Pushes a property whose name is only materialised if an issue is reported under it.</summary>
    public void Push(JsonProperty property) => _path.Add((null, -2, property));

    public void Push(int index) => _path.Add((null, index, default));

    public void Pop() => _path.RemoveAt(_path.Count - 1);

    public void Error(string rule, string message) => Add(StixSeverity.Error, rule, message, null);

    public void Warning(string rule, string message) => Add(StixSeverity.Warning, rule, message, null);

    /// <summary>Reports at the current path extended by one property name (for a missing property, say).</summary>
    public void ErrorAt(string child, string rule, string message) => Add(StixSeverity.Error, rule, message, child);

    public void Add(StixSeverity severity, string rule, string message, string? child = null)
    {
        if (severity == StixSeverity.Warning && !Options.IncludeWarnings)
        {
            return;
        }

        (_issues ??= []).Add(new StixIssue(severity, CurrentPath(child), rule, message));
    }

    public void AddAbsolute(StixSeverity severity, string path, string rule, string message)
    {
        if (severity == StixSeverity.Warning && !Options.IncludeWarnings)
        {
            return;
        }

        (_issues ??= []).Add(new StixIssue(severity, path, rule, message));
    }

    public string CurrentPath(string? child = null)
    {
        var builder = new StringBuilder("$");
        foreach (var (name, index, property) in _path)
        {
            AppendSegment(builder, index == -2 ? property.Name : name, index);
        }

        if (child is not null)
        {
            AppendSegment(builder, child, -1);
        }

        return builder.ToString();
    }

    private static void AppendSegment(StringBuilder builder, string? name, int index)
    {
        if (name is null)
        {
            builder.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
        }
        else if (IsPlainName(name))
        {
            builder.Append('.').Append(name);
        }
        else
        {
            builder.Append("['").Append(name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
        }
    }

    private static bool IsPlainName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.AsSpan().IndexOfAnyExcept(PlainNameChars) < 0;

    private static readonly System.Buffers.SearchValues<char> PlainNameChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
}
