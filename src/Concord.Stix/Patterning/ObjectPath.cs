using System.Collections.Immutable;
using System.Text;

namespace Concord.Stix.Patterning;

/// <summary>One step of an object path after the object type: a property name, a list index, or <c>[*]</c>.</summary>
public abstract record PathStep
{
    private protected PathStep()
    {
    }

    /// <summary>Appends the step in pattern syntax; <paramref name="first"/> omits the leading dot.</summary>
    internal abstract void Render(StringBuilder builder, bool first);
}

/// <summary>A property or dictionary key, e.g. <c>hashes</c> or <c>'SHA-256'</c>.</summary>
/// <param name="Name">The property name, unquoted and unescaped.</param>
public sealed record PropertyStep(string Name) : PathStep
{
    /// <summary>True when the name must be written in apostrophes: it is not a plain <c>[A-Za-z_][A-Za-z0-9_]*</c> name.</summary>
    public bool NeedsQuotes => !IsPlainName(Name);

    /// <inheritdoc />
    public override string ToString() => NeedsQuotes ? PatternLiteral.Quote(Name) : Name;

    internal override void Render(StringBuilder builder, bool first)
    {
        if (!first)
        {
            builder.Append('.');
        }

        builder.Append(ToString());
    }

    private static bool IsPlainName(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A list index, e.g. <c>[0]</c>.</summary>
/// <param name="Index">The 0-based index.</param>
public sealed record IndexStep(int Index) : PathStep
{
    /// <inheritdoc />
    public override string ToString() => $"[{Index}]";

    internal override void Render(StringBuilder builder, bool first) => builder.Append('[').Append(Index).Append(']');
}

/// <summary>The any-element index <c>[*]</c>: the comparison holds if it holds for any list element.</summary>
public sealed record AnyIndexStep : PathStep
{
    /// <summary>The one instance; the step carries no data.</summary>
    public static AnyIndexStep Instance { get; } = new();

    private AnyIndexStep()
    {
    }

    /// <inheritdoc />
    public override string ToString() => "[*]";

    internal override void Render(StringBuilder builder, bool first) => builder.Append("[*]");
}

/// <summary>
/// An object path such as <c>file:extensions.'windows-pebinary-ext'.sections[*].entropy</c>: the SCO type and
/// the steps into it. The first step is always a <see cref="PropertyStep"/>.
/// </summary>
/// <param name="ObjectType">The SCO type, e.g. <c>file</c> or a custom <c>x-usb-device</c>.</param>
/// <param name="Steps">The steps after the colon, in order.</param>
public sealed record ObjectPath(string ObjectType, ImmutableArray<PathStep> Steps)
{
    /// <summary>The path without its type, e.g. <c>hashes.'SHA-256'</c>.</summary>
    public string PropertyPath
    {
        get
        {
            var builder = new StringBuilder();
            AppendSteps(builder);
            return builder.ToString();
        }
    }

    /// <summary>Value equality over the steps, not the array reference the record would compare by default.</summary>
    public bool Equals(ObjectPath? other) =>
        other is not null && ObjectType == other.ObjectType && Steps.AsSpan().SequenceEqual(other.Steps.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(ObjectType);
        foreach (var step in Steps)
        {
            hash.Add(step);
        }

        return hash.ToHashCode();
    }

    /// <summary>Renders the path in pattern syntax, e.g. <c>file:hashes.'SHA-256'</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(ObjectType.Length + 16).Append(ObjectType).Append(':');
        AppendSteps(builder);
        return builder.ToString();
    }

    private void AppendSteps(StringBuilder builder)
    {
        for (var i = 0; i < Steps.Length; i++)
        {
            Steps[i].Render(builder, i == 0);
        }
    }
}
