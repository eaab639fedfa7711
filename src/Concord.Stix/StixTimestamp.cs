using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Concord.Stix;

/// <summary>
/// A STIX 2.1 timestamp (<c>YYYY-MM-DDTHH:mm:ss[.s+]Z</c>, RFC 3339, UTC, uppercase <c>T</c> and <c>Z</c>) that keeps
/// every fractional digit it was written with, so it formats back to exactly the same text (STIX 3.6: a version's
/// representation must never change). Comparison is by instant, exact to the last digit written, including digits
/// finer than a .NET tick.
/// </summary>
/// <remarks>
/// RFC 3339 allows a leap second (<c>:60</c>); .NET cannot represent one, so it orders after every other instant of
/// its minute's 59th second and converts to the last tick of that second.
/// </remarks>
public readonly struct StixTimestamp : IComparable<StixTimestamp>, IEquatable<StixTimestamp>
{
    private const int TickDigits = 7;
    private const byte LeapFlag = 0x80;

    private readonly long _ticks;
    private readonly string? _extra;
    private readonly byte _digits;

    private StixTimestamp(long ticks, byte digits, string? extra)
    {
        _ticks = ticks;
        _digits = digits;
        _extra = extra;
    }

    /// <summary>How many fractional-second digits the timestamp was written with (0 when there is no dot).</summary>
    public int FractionDigits => _digits & ~LeapFlag;

    /// <summary>True when the timestamp names a leap second (<c>:60</c>).</summary>
    public bool IsLeapSecond => (_digits & LeapFlag) != 0;

    /// <summary>The instant as UTC ticks, truncated to tick precision (a leap second maps to the last tick of <c>:59</c>).</summary>
    public long UtcTicks => _ticks;

    /// <summary>The instant as a <see cref="DateTimeOffset"/> at offset zero, truncated to tick precision.</summary>
    public DateTimeOffset ToDateTimeOffset() => new(_ticks, TimeSpan.Zero);

    /// <summary>Creates a timestamp from an instant, written with <paramref name="fractionDigits"/> digits (0-7).</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="fractionDigits"/> is outside 0-7.</exception>
    public static StixTimestamp FromDateTimeOffset(DateTimeOffset value, int fractionDigits = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fractionDigits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fractionDigits, TickDigits);
        var ticks = value.UtcTicks;
        var unit = TimeSpan.TicksPerSecond;
        for (var i = 0; i < fractionDigits; i++)
        {
            unit /= 10;
        }

        return new(ticks - (ticks % unit), (byte)fractionDigits, null);
    }

    /// <summary>Parses a STIX timestamp from UTF-8 bytes; false when it is not strictly <c>YYYY-MM-DDTHH:mm:ss[.s+]Z</c>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out StixTimestamp value) => StixTimestampParser.TryParse(utf8, out value);

    /// <summary>Parses a STIX timestamp from text; false when it is not strictly <c>YYYY-MM-DDTHH:mm:ss[.s+]Z</c>.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out StixTimestamp value) => StixTimestampParser.TryParse(text, out value);

    /// <summary>Parses a STIX timestamp; false when <paramref name="text"/> is null or not a strict STIX timestamp.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out StixTimestamp value)
    {
        value = default;
        return text is not null && TryParse(text.AsSpan(), out value);
    }

    /// <summary>Parses a STIX timestamp.</summary>
    /// <exception cref="FormatException">When <paramref name="text"/> is not a strict STIX timestamp.</exception>
    public static StixTimestamp Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a STIX timestamp (YYYY-MM-DDTHH:mm:ss[.s+]Z).");

    internal static StixTimestamp Create(long ticks, int digits, bool leap, string? extra) =>
        new(ticks, (byte)(digits | (leap ? LeapFlag : 0)), extra);

    /// <summary>The timestamp exactly as it was written.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(24 + FractionDigits);
        var dateTime = new DateTime(_ticks, DateTimeKind.Utc);
        builder.Append(dateTime.ToString(IsLeapSecond ? "yyyy'-'MM'-'dd'T'HH':'mm':60'" : "yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture));
        if (FractionDigits > 0)
        {
            builder.Append('.');
            if (IsLeapSecond)
            {
                builder.Append(_extra);
            }
            else
            {
                var fraction = (_ticks % TimeSpan.TicksPerSecond).ToString("D7", CultureInfo.InvariantCulture);
                builder.Append(fraction, 0, Math.Min(FractionDigits, TickDigits)).Append(_extra);
            }
        }

        return builder.Append('Z').ToString();
    }

    /// <summary>Orders by instant, exact to every written digit; trailing zeros do not change the instant.</summary>
    public int CompareTo(StixTimestamp other)
    {
        var byTicks = _ticks.CompareTo(other._ticks);
        if (byTicks != 0)
        {
            return byTicks;
        }

        var byLeap = IsLeapSecond.CompareTo(other.IsLeapSecond);
        return byLeap != 0 ? byLeap : CompareDigits(_extra, other._extra);
    }

    /// <summary>True when both name the same instant (their text may differ in trailing zeros).</summary>
    public bool Equals(StixTimestamp other) => CompareTo(other) == 0;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is StixTimestamp other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_ticks, IsLeapSecond, (_extra ?? string.Empty).TrimEnd('0'));

    /// <summary>True when <paramref name="left"/> and <paramref name="right"/> name the same instant.</summary>
    public static bool operator ==(StixTimestamp left, StixTimestamp right) => left.Equals(right);

    /// <summary>True when the instants differ.</summary>
    public static bool operator !=(StixTimestamp left, StixTimestamp right) => !left.Equals(right);

    /// <summary>True when <paramref name="left"/> is earlier.</summary>
    public static bool operator <(StixTimestamp left, StixTimestamp right) => left.CompareTo(right) < 0;

    /// <summary>True when <paramref name="left"/> is later.</summary>
    public static bool operator >(StixTimestamp left, StixTimestamp right) => left.CompareTo(right) > 0;

    /// <summary>True when <paramref name="left"/> is earlier or the same instant.</summary>
    public static bool operator <=(StixTimestamp left, StixTimestamp right) => left.CompareTo(right) <= 0;

    /// <summary>True when <paramref name="left"/> is later or the same instant.</summary>
    public static bool operator >=(StixTimestamp left, StixTimestamp right) => left.CompareTo(right) >= 0;

    // Sub-tick digits (or a leap second's whole fraction) compare as decimal fractions: right-pad with zeros.
    private static int CompareDigits(string? left, string? right)
    {
        left ??= string.Empty;
        right ??= string.Empty;
        var length = Math.Max(left.Length, right.Length);
        for (var i = 0; i < length; i++)
        {
            var l = i < left.Length ? left[i] : '0';
            var r = i < right.Length ? right[i] : '0';
            if (l != r)
            {
                return l < r ? -1 : 1;
            }
        }

        return 0;
    }
}

/// <summary>The strict span parser behind <see cref="StixTimestamp"/>; no regex, no allocation below 8 fraction digits.</summary>
internal static class StixTimestampParser
{
    private const int MinLength = 20; // YYYY-MM-DDTHH:mm:ssZ

    public static bool TryParse(ReadOnlySpan<char> text, out StixTimestamp value)
    {
        value = default;
        if (text.Length < MinLength || !Ascii.IsValid(text))
        {
            return false;
        }

        byte[]? rented = null;
        var bytes = text.Length <= 128 ? stackalloc byte[text.Length] : (rented = ArrayPool<byte>.Shared.Rent(text.Length)).AsSpan(0, text.Length);
        try
        {
            Ascii.FromUtf16(text, bytes, out _);
            return TryParse(bytes, out value);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public static bool TryParse(ReadOnlySpan<byte> s, out StixTimestamp value)
    {
        value = default;
        if (s.Length < MinLength || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[^1] != 'Z')
        {
            return false;
        }

        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        var fraction = s[19..^1];
        var digits = 0;
        if (!fraction.IsEmpty)
        {
            // RFC 3339 time-secfrac: a dot followed by at least one digit.
            if (fraction[0] != '.' || fraction.Length < 2 || fraction[1..].IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
            {
                return false;
            }

            digits = fraction.Length - 1;
            if (digits > 127)
            {
                return false;
            }
        }

        var leap = second == 60;
        var ticks = new DateTime(year, month, day, hour, minute, leap ? 59 : second, DateTimeKind.Utc).Ticks;
        string? extra = null;
        if (leap)
        {
            ticks += TimeSpan.TicksPerSecond - 1;
            extra = digits > 0 ? System.Text.Encoding.ASCII.GetString(fraction[1..]) : null;
        }
        else if (digits > 0)
        {
            var unit = TimeSpan.TicksPerSecond;
            for (var i = 0; i < Math.Min(digits, 7); i++)
            {
                unit /= 10;
                ticks += (fraction[1 + i] - '0') * unit;
            }

            extra = digits > 7 ? System.Text.Encoding.ASCII.GetString(fraction[8..]) : null;
        }

        value = StixTimestamp.Create(ticks, digits, leap, extra);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = s[i] - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }
}
