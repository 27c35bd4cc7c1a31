using System.Globalization;
using System.Text;

namespace Decodex.Core.Trials;

/// <summary>
/// A calendar file (RFC 5545 iCalendar) with one reminder per trial day, for any calendar app. It says
/// only "Decodex check-in, day n of N" and the envelope number: never the trial's title, the compound,
/// the condition or an outcome, because calendars are often synchronised to other people's servers.
/// </summary>
public static class TrialCalendar
{
    /// <summary>The calendar of <paramref name="schedule"/>, reminders at <paramref name="time"/> local time on each day.</summary>
    /// <param name="schedule">The trial's days.</param>
    /// <param name="time">The time of day of the check-in (floating local time: it follows the person across time zones).</param>
    /// <param name="uidPrefix">A prefix for the events' identifiers, unique to the trial (e.g. part of its id), so a re-import updates rather than duplicates.</param>
    /// <param name="stamp">The time the file is made (UTC).</param>
    public static string Ics(IReadOnlyList<ScheduledDay> schedule, TimeOnly time, string uidPrefix, DateTimeOffset stamp)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(uidPrefix);
        if (uidPrefix.Length is 0 or > 64 || !uidPrefix.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw new ArgumentException("The prefix is 1 to 64 letters, digits or hyphens.", nameof(uidPrefix));
        }

        var text = new StringBuilder();
        void Line(string line) => Fold(text, line);
        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//Decodex//Self-experiment reminders//EN");
        Line("CALSCALE:GREGORIAN");
        Line("METHOD:PUBLISH");
        var dtstamp = stamp.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        foreach (var day in schedule)
        {
            var what = day.Envelope is { } envelope ? $"Decodex check-in, day {day.Day} of {schedule.Count} (envelope {envelope})" : $"Decodex check-in, day {day.Day} of {schedule.Count} (practice)";
            Line("BEGIN:VEVENT");
            Line($"UID:{uidPrefix}-day-{day.Day}@decodex.local");
            Line($"DTSTAMP:{dtstamp}");
            Line($"DTSTART:{day.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}T{time.ToString("HHmm", CultureInfo.InvariantCulture)}00");
            Line("DURATION:PT10M");
            Line("SUMMARY:" + Escape(what));
            Line("DESCRIPTION:" + Escape("Open Decodex for today's ratings and tests, then take today's dose as planned."));
            Line("BEGIN:VALARM");
            Line("ACTION:DISPLAY");
            Line("TRIGGER:PT0M");
            Line("DESCRIPTION:" + Escape(what));
            Line("END:VALARM");
            Line("END:VEVENT");
        }

        Line("END:VCALENDAR");
        return text.ToString();
    }

    /// <summary>Escapes TEXT values (backslash, semicolon, comma, line breaks).</summary>
    internal static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal).Replace("\r\n", "\\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Writes a content line folded at 75 octets, ending in CRLF, without splitting a UTF-8 character.</summary>
    private static void Fold(StringBuilder text, string line)
    {
        var bytes = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (bytes + size > 75)
            {
                text.Append("\r\n ");
                bytes = 1;
            }

            text.Append(rune.ToString());
            bytes += size;
        }

        text.Append("\r\n");
    }
}
