using System.Text.Json;

namespace Concord.Stix.Validation.Values;

/// <summary>A STIX timestamp; <c>created</c> and <c>modified</c> also need millisecond precision (STIX 3.2).</summary>
internal sealed class TimestampSpec(bool millisecondPrecision) : ValueSpec
{
    public static readonly TimestampSpec Any = new(false);
    public static readonly TimestampSpec Millis = new(true);

    public override string Description => "a timestamp";

    public override void Check(JsonElement value, ValidationContext context)
    {
        if (!Expect(value, JsonValueKind.String, context))
        {
            return;
        }

        if (!StixTimestamp.TryParse(JsonText.Value(value), out var timestamp))
        {
            context.Error(StixRules.TimestampFormat, $"'{value.GetString()}' is not an RFC 3339 UTC timestamp (YYYY-MM-DDTHH:mm:ss[.s+]Z).");
        }
        else if (millisecondPrecision && timestamp.FractionDigits < 3)
        {
            context.Error(StixRules.TimestampPrecision, $"'{value.GetString()}' must be precise to at least the millisecond (3 fractional digits).");
        }
    }
}
