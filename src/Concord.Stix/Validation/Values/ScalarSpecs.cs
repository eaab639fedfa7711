using System.Text.Json;

namespace Concord.Stix.Validation.Values;

/// <summary>Any JSON value except null (custom content, dictionary values).</summary>
internal sealed class AnySpec : ValueSpec
{
    public static readonly AnySpec Instance = new();

    public override string Description => "a value";

    public override void Check(JsonElement value, ValidationContext context)
    {
        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0)
        {
            context.Error(StixRules.EmptyList, "Lists must not be empty (STIX 2.1 section 2.12).");
        }
    }
}

/// <summary>A JSON boolean.</summary>
internal sealed class BooleanSpec : ValueSpec
{
    public static readonly BooleanSpec Instance = new();

    public override string Description => "a boolean";

    public override void Check(JsonElement value, ValidationContext context) => Expect(value, JsonValueKind.True, context);
}

/// <summary>A JSON string, optionally with a format check on its UTF-8 bytes (a MUST, or a SHOULD when <paramref name="advisory"/>).</summary>
internal sealed class StringSpec(Func<ReadOnlySpan<byte>, bool>? format = null, string rule = StixRules.ValueFormat, string? formatName = null, bool advisory = false) : ValueSpec
{
    public static readonly StringSpec Instance = new();

    public override string Description => formatName is null ? "a string" : $"a string ({formatName})";

    public override void Check(JsonElement value, ValidationContext context)
    {
        if (Expect(value, JsonValueKind.String, context) && format is not null && !format(JsonText.Value(value)))
        {
            context.Add(advisory ? StixSeverity.Warning : StixSeverity.Error, rule, $"'{value.GetString()}' is not {formatName}.");
        }
    }
}

/// <summary>An integer (a JSON number without fraction or exponent digits that change it), within optional bounds.</summary>
internal sealed class IntegerSpec(long min = long.MinValue, long max = long.MaxValue) : ValueSpec
{
    public static readonly IntegerSpec Any = new();
    public static readonly IntegerSpec NonNegative = new(0);

    public override string Description => "an integer";

    public override void Check(JsonElement value, ValidationContext context)
    {
        if (!Expect(value, JsonValueKind.Number, context))
        {
            return;
        }

        // JSON Schema counts 5.0 as an integer, so a zero fraction is accepted; the range check uses the exact value.
        if (!value.TryGetDouble(out var number) || !double.IsInteger(number))
        {
            context.Error(StixRules.PropertyType, $"Expected an integer, found {value.GetRawText()}.");
        }
        else if (value.TryGetInt64(out var exact) ? exact < min || exact > max : number < min || number > max)
        {
            context.Error(StixRules.ValueRange, $"{value.GetRawText()} is outside the allowed range {min}..{max}.");
        }
    }
}

/// <summary>Any JSON number, within optional bounds.</summary>
internal sealed class NumberSpec(double min = double.NegativeInfinity, double max = double.PositiveInfinity) : ValueSpec
{
    public static readonly NumberSpec Any = new();

    public override string Description => "a number";

    public override void Check(JsonElement value, ValidationContext context)
    {
        if (Expect(value, JsonValueKind.Number, context) && value.TryGetDouble(out var number) && (number < min || number > max))
        {
            context.Error(StixRules.ValueRange, $"{value.GetRawText()} is outside the allowed range {min}..{max}.");
        }
    }
}
