namespace Concord.Stix.Tests.Validation;

public class StixTimestampTests
{
    [Theory]
    [InlineData("2016-04-06T20:03:48Z")]
    [InlineData("2016-04-06T20:03:48.1Z")]
    [InlineData("2016-04-06T20:03:48.123Z")]
    [InlineData("2016-04-06T20:03:48.1234567Z")]
    [InlineData("2016-04-06T20:03:48.123456789012Z")]
    [InlineData("2016-12-31T23:59:60.5Z")]
    [InlineData("2024-02-29T00:00:00.000Z")]
    public void TryParse_ValidTimestamp_FormatsBackToTheSameText(string text)
    {
        Assert.True(StixTimestamp.TryParse(text, out var timestamp));
        Assert.Equal(text, timestamp.ToString());
    }

    [Theory]
    [InlineData("2016-04-06t20:03:48Z")]
    [InlineData("2016-04-06T20:03:48z")]
    [InlineData("2016-04-06T20:03:48")]
    [InlineData("2016-04-06T20:03:48+00:00")]
    [InlineData("2016-04-06 20:03:48Z")]
    [InlineData("2016-04-06T20:03:48.Z")]
    [InlineData("2016-04-06T24:00:00Z")]
    [InlineData("2016-13-06T20:03:48Z")]
    [InlineData("2023-02-29T20:03:48Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("2016-4-06T20:03:48Z")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_NotStrictRfc3339Utc_IsRejected(string? text) => Assert.False(StixTimestamp.TryParse(text, out _));

    [Fact]
    public void TryParse_Utf8AndTextAgree()
    {
        Assert.True(StixTimestamp.TryParse("2020-01-02T03:04:05.678Z"u8, out var fromBytes));
        Assert.True(StixTimestamp.TryParse("2020-01-02T03:04:05.678Z", out var fromText));
        Assert.Equal(fromText, fromBytes);
        Assert.Equal(3, fromBytes.FractionDigits);
    }

    [Fact]
    public void Compare_SubTickDigits_AreOrderedExactly()
    {
        var earlier = StixTimestamp.Parse("2020-01-01T00:00:00.12345678Z");
        var later = StixTimestamp.Parse("2020-01-01T00:00:00.12345679Z");
        Assert.Equal(earlier.UtcTicks, later.UtcTicks);
        Assert.True(earlier < later);
        Assert.True(later > earlier);
        Assert.True(earlier <= later && earlier != later);
    }

    [Fact]
    public void Equals_TrailingZeros_NameTheSameInstant()
    {
        var plain = StixTimestamp.Parse("2020-01-01T00:00:00Z");
        var padded = StixTimestamp.Parse("2020-01-01T00:00:00.000000000Z");
        Assert.True(plain == padded);
        Assert.Equal(plain.GetHashCode(), padded.GetHashCode());
        Assert.NotEqual(plain.ToString(), padded.ToString());
    }

    [Fact]
    public void Compare_LeapSecond_FallsBetweenSecond59AndTheNextMinute()
    {
        var before = StixTimestamp.Parse("2016-12-31T23:59:59.999Z");
        var leap = StixTimestamp.Parse("2016-12-31T23:59:60.5Z");
        var after = StixTimestamp.Parse("2017-01-01T00:00:00Z");
        Assert.True(before < leap && leap < after);
        Assert.True(leap.IsLeapSecond);
    }

    [Fact]
    public void ToDateTimeOffset_KeepsTheInstantAtOffsetZero()
    {
        var timestamp = StixTimestamp.Parse("2016-04-06T20:03:48.123Z");
        Assert.Equal(new DateTimeOffset(2016, 4, 6, 20, 3, 48, 123, TimeSpan.Zero), timestamp.ToDateTimeOffset());
    }

    [Fact]
    public void FromDateTimeOffset_TruncatesToTheRequestedDigits()
    {
        var value = new DateTimeOffset(2016, 4, 6, 20, 3, 48, 123, TimeSpan.Zero).AddTicks(4567);
        Assert.Equal("2016-04-06T20:03:48.123Z", StixTimestamp.FromDateTimeOffset(value).ToString());
        Assert.Equal("2016-04-06T20:03:48.1234567Z", StixTimestamp.FromDateTimeOffset(value, 7).ToString());
        Assert.Equal("2016-04-06T20:03:48Z", StixTimestamp.FromDateTimeOffset(value, 0).ToString());
    }

    [Fact]
    public void Parse_Invalid_ThrowsFormatException() => Assert.Throws<FormatException>(() => StixTimestamp.Parse("yesterday"));
}
