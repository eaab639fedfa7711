using Concord.Incidents;
using Concord.Incidents.Features.Requests;
using Concord.Teams;

namespace Concord.IntegrationTests.Incidents;

/// <summary>
/// The deadline calculator on its own (pure: the start is given): calendar units, working units in the receiving team's
/// hours and time zone across weekends and daylight-saving changes, and a team without hours counting calendar time.
/// </summary>
public class DeadlineTests
{
    private static readonly HashSet<DayOfWeek> Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static WorkingWeek Week(string zone, int opens = 9, int closes = 17, IReadOnlySet<DayOfWeek>? days = null) =>
        new(days ?? Weekdays, new TimeOnly(opens, 0), new TimeOnly(closes, 0), TimeZoneInfo.FindSystemTimeZoneById(zone));

    private static DeadlineSpan Span(string text) => DeadlineSpan.TryParse(text, out var span) ? span : throw new ArgumentException(text);

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void CalendarUnits_AddElapsedTime_WhateverTheTeamsHours()
    {
        var saturdayNight = Utc(11, 7, 23, 50);
        Assert.Equal(Utc(11, 8, 0, 20), Deadlines.Add(saturdayNight, Span("30m"), Week("Europe/Tallinn")));
        Assert.Equal(Utc(11, 8, 3, 50), Deadlines.Add(saturdayNight, Span("4h"), Week("Europe/Tallinn")));
    }

    [Fact]
    public void OneWorkingDay_AskedFridayAfternoonInTallinn_EndsMondayAfternoon()
    {
        // Friday 6 November 2026, 16:00 in Tallinn (UTC+2): one hour left on Friday, seven on Monday.
        var asked = Utc(11, 6, 14);
        Assert.Equal(Utc(11, 9, 14), Deadlines.Add(asked, Span("1wd"), Week("Europe/Tallinn")));
    }

    [Fact]
    public void WorkingHours_AskedOnASaturday_StartCountingMondayAtOpening()
    {
        var saturday = Utc(11, 7, 10);
        Assert.Equal(Utc(11, 9, 11), Deadlines.Add(saturday, Span("4wh"), Week("Europe/Tallinn")));
        Assert.Equal(Utc(11, 9, 15), Deadlines.Add(saturday, Span("1wd"), Week("Europe/Tallinn")));
    }

    [Fact]
    public void WorkingHours_AskedBeforeOpening_CountFromOpeningInTheTeamsZone()
    {
        // 02:00Z on Monday is 09:00 in Bangkok (UTC+7): four working hours end at 13:00 there, 06:00Z.
        Assert.Equal(Utc(11, 2, 6), Deadlines.Add(Utc(11, 2, 2), Span("4wh"), Week("Asia/Bangkok")));

        // The same instant is Sunday evening in New York (UTC-5): Monday 09:00 + 4 h = 13:00 local, 18:00Z.
        Assert.Equal(Utc(11, 2, 18), Deadlines.Add(Utc(11, 2, 2), Span("4wh"), Week("America/New_York")));
    }

    [Fact]
    public void WorkingDays_AcrossTheAutumnClockChange_KeepTheTeamsWallClock()
    {
        // Tallinn leaves summer time on Sunday 25 October 2026. Friday 23 October 16:00 EEST (13:00Z) + 1 working day is
        // Monday 26 October 16:00 EET (14:00Z): 73 hours later, not 72.
        var deadline = Deadlines.Add(Utc(10, 23, 13), Span("1wd"), Week("Europe/Tallinn"));
        Assert.Equal(Utc(10, 26, 14), deadline);
        Assert.Equal(TimeSpan.FromHours(73), deadline - Utc(10, 23, 13));
    }

    [Fact]
    public void WorkingHours_OnTheSpringClockChange_AnOpeningTheClocksSkipIsTakenAnHourLater()
    {
        // New York springs forward at 02:00 on Sunday 8 March 2026. A team open every day 02:00–10:00 opens at 03:00 EDT
        // (07:00Z) that day; asked at midnight, four working hours end at 07:00 EDT, 11:00Z.
        var everyDay = Enum.GetValues<DayOfWeek>().ToHashSet();
        Assert.Equal(Utc(3, 8, 11), Deadlines.Add(Utc(3, 8, 5), Span("4wh"), Week("America/New_York", 2, 10, everyDay)));
    }

    [Fact]
    public void ATeamWithoutHours_CountsCalendarTime()
    {
        var never = new TeamProfile(Guid.NewGuid(), "Unfilled", null, "EE", "Estonia", "Europe", TeamType.Other, [], [], [], [], [], null, null, null,
            new BusinessHours(["monday"], new TimeOnly(9, 0), new TimeOnly(17, 0), "UTC"), Updated: null, [], [], []);
        var noDays = never with { Updated = Utc(1, 1, 0), Hours = new BusinessHours([], new TimeOnly(9, 0), new TimeOnly(17, 0), "Europe/Tallinn") };
        var withHours = never with { Updated = Utc(1, 1, 0), Hours = new BusinessHours(["monday", "tuesday"], new TimeOnly(8, 0), new TimeOnly(12, 0), "Europe/Tallinn") };

        Assert.Null(WorkingWeek.Of(never));
        Assert.Null(WorkingWeek.Of(noDays));
        Assert.Null(WorkingWeek.Of(null));
        var saturday = Utc(11, 7, 10);
        Assert.Equal(saturday.AddDays(1), Deadlines.Add(saturday, Span("1wd"), WorkingWeek.Of(noDays)));
        Assert.Equal(saturday.AddHours(4), Deadlines.Add(saturday, Span("4wh"), null));

        // A profile with hours: Monday 08:00–12:00 Tallinn, four hours a working day; 1wd from Saturday ends Monday noon (10:00Z).
        Assert.Equal(Utc(11, 9, 10), Deadlines.Add(saturday, Span("1wd"), WorkingWeek.Of(withHours)));
    }

    [Theory]
    [InlineData("30m", 30, "30m")]
    [InlineData("4h", 4, "4h")]
    [InlineData(" 4WH ", 4, "4wh")]
    [InlineData("10wd", 10, "10wd")]
    public void Spans_Parse(string text, int amount, string normalised)
    {
        Assert.True(DeadlineSpan.TryParse(text, out var span));
        Assert.Equal(amount, span.Amount);
        Assert.Equal(normalised, span.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("0h")]
    [InlineData("-1h")]
    [InlineData("1 day")]
    [InlineData("1.5h")]
    [InlineData("wd")]
    public void Spans_RefuseWhatIsNotANumberAndAUnit(string text) => Assert.False(DeadlineSpan.TryParse(text, out _));

    [Fact]
    public void Options_RefuseABadDuration_AWorkingUnitForCritical_AndAResponseBeforeItsAcknowledgement()
    {
        var validator = new IncidentsOptionsValidator();
        Assert.True(validator.Validate(null, new IncidentsOptions()).Succeeded);

        var options = new IncidentsOptions();
        options.Requests.Critical.Acknowledge = "1wd";
        options.Requests.High.Respond = "soon";
        options.Requests.Low.Acknowledge = "20wd";
        var failures = validator.Validate(null, options).Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("Concord:Incidents:Requests:Critical:Acknowledge", StringComparison.Ordinal) && f.Contains("24/7", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Concord:Incidents:Requests:High:Respond", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Concord:Incidents:Requests:Low:", StringComparison.Ordinal) && f.Contains("before", StringComparison.Ordinal));
    }
}
