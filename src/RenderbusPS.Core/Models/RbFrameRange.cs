using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RenderbusPS.Core.Http;

namespace RenderbusPS.Core.Models
{
    /// <summary>One part of a frame range: <c>N</c>, <c>A-B</c> or <c>A-B[S]</c>.</summary>
    public sealed class RbFrameRangePart
    {
        internal RbFrameRangePart(int start, int end, int step)
        {
            Start = start;
            End = end;
            Step = step;
        }

        public int Start { get; }
        public int End { get; }
        public int Step { get; }
        /// <summary>How many frames the part names.</summary>
        public long Count => ((long)End - Start) / Step + 1;

        public bool Contains(int frame) => frame >= Start && frame <= End && ((long)frame - Start) % Step == 0;

        public override string ToString()
            => Start == End ? Start.ToString(CultureInfo.InvariantCulture)
                : string.Format(CultureInfo.InvariantCulture, "{0}-{1}[{2}]", Start, End, Step);
    }

    /// <summary>
    /// A Renderbus frame range such as <c>1,20-30[2],494</c>: comma-separated parts, each a frame <c>N</c>, a range
    /// <c>A-B</c> (every frame), or <c>A-B[S]</c> (every S-th frame from A up to B). White space is allowed around
    /// every token. Frame numbers are 0 or more (the form has no way to write a negative frame: <c>-</c> separates
    /// start and end) and a range goes upwards (<c>30-20</c> is refused with a hint to write <c>20-30</c>). A range
    /// that names more than
    /// <see cref="MaxFrames"/> frames is refused before anything is expanded.
    /// </summary>
    public sealed class RbFrameRange
    {
        /// <summary>The most frames one range may name (a farm task never holds more).</summary>
        public const int MaxFrames = 100000;

        /// <summary>The form, as error messages quote it.</summary>
        public const string Form = "N, A-B or A-B[S] separated by commas, e.g. 1,20-30[2],494 (frames 0 or more, A not above B, step 1 or more)";

        private RbFrameRange(IReadOnlyList<RbFrameRangePart> parts, string text)
        {
            Parts = parts;
            Text = text;
        }

        /// <summary>
        /// A range as written, checked later (<see cref="Check"/>): PowerShell builds it from a string or a number
        /// given to a parameter of this type, so bad text reaches the cmdlet, which reports it with its own error id.
        /// </summary>
        public RbFrameRange(string text)
        {
            Text = text ?? "";
            var read = Read(Text, out var problem);
            Parts = read?.Parts ?? Array.Empty<RbFrameRangePart>();
            Problem = read == null ? problem : null;
        }

        /// <summary>A single frame.</summary>
        public RbFrameRange(long frame) : this(frame.ToString(CultureInfo.InvariantCulture))
        {
        }

        /// <summary>Why the text is not a range, or null when it is one.</summary>
        public string? Problem { get; }

        /// <summary>The range itself when it is valid; <c>Rb.InvalidFrameRange</c> or <c>Rb.FrameRangeTooLarge</c>
        /// otherwise.</summary>
        public RbFrameRange Check(string parameter = "FrameRange") => Parse(Text, parameter);

        public IReadOnlyList<RbFrameRangePart> Parts { get; }
        /// <summary>The text it was read from.</summary>
        public string Text { get; }
        /// <summary>Frames named, counting a frame named by two parts twice.</summary>
        public long Count => Parts.Sum(p => p.Count);

        /// <summary>The frame numbers, in the order the parts name them; a frame named twice comes once.</summary>
        public IEnumerable<int> Frames()
        {
            var seen = new HashSet<int>();
            foreach (var part in Parts)
            {
                for (long f = part.Start; f <= part.End; f += part.Step)
                {
                    if (seen.Add((int)f)) yield return (int)f;
                }
            }
        }

        public bool Contains(int frame) => Parts.Any(p => p.Contains(frame));

        public override string ToString() => string.Join(",", Parts.Select(p => p.ToString()));

        /// <summary>Reads a range; <c>Rb.InvalidFrameRange</c> names the bad part and the form,
        /// <c>Rb.FrameRangeTooLarge</c> the size.</summary>
        public static RbFrameRange Parse(string text, string parameter = "FrameRange")
        {
            var range = Read(text, out var problem);
            if (range == null)
                throw new RbValidationException(RbInputRules.FrameRange.ErrorId,
                    $"'{text}' is not a frame range: {problem}. Expected {Form}.", parameter, RbInputRules.FrameRange.Action, text);
            if (range.Count > MaxFrames)
                throw new RbValidationException(RbInputRules.FrameRangeSize.ErrorId,
                    $"'{text}' names {range.Count.ToString("N0", CultureInfo.InvariantCulture)} frames; a range may name at most {MaxFrames.ToString("N0", CultureInfo.InvariantCulture)}.",
                    parameter, RbInputRules.FrameRangeSize.Action, text);
            return range;
        }

        /// <summary>Reads a range without throwing (for frame labels the service sends, such as <c>2-4[1]</c> or
        /// <c>photon</c>).</summary>
        public static bool TryParse(string? text, out RbFrameRange? range)
        {
            range = text == null ? null : Read(text, out _);
            return range != null;
        }

        private static RbFrameRange? Read(string text, out string problem)
        {
            problem = "";
            if (string.IsNullOrWhiteSpace(text))
            {
                problem = "it is empty";
                return null;
            }
            var parts = new List<RbFrameRangePart>();
            foreach (var raw in text.Split(','))
            {
                var part = raw.Trim();
                if (part.Length == 0)
                {
                    problem = "there is an empty part between commas";
                    return null;
                }
                var p = ReadPart(part, out var why);
                if (p == null)
                {
                    problem = part == text.Trim() ? "it " + why : $"'{part}' {why}";
                    return null;
                }
                parts.Add(p);
            }
            return new RbFrameRange(parts, text);
        }

        private static RbFrameRangePart? ReadPart(string part, out string why)
        {
            why = "";
            var step = 1;
            var body = part;
            var open = part.IndexOf('[');
            if (open >= 0)
            {
                if (!part.EndsWith("]", StringComparison.Ordinal))
                {
                    why = "has a step that does not end with ]";
                    return null;
                }
                var stepText = part.Substring(open + 1, part.Length - open - 2).Trim();
                if (!TryNumber(stepText, out step) || step < 1)
                {
                    why = $"has the step '{stepText}', which is not a whole number of 1 or more";
                    return null;
                }
                body = part.Substring(0, open).Trim();
                if (body.IndexOf('-') < 0)
                {
                    why = "has a step but no range (write A-B[S])";
                    return null;
                }
            }
            if (body.StartsWith("-", StringComparison.Ordinal))
            {
                why = "starts with '-': frames are 0 or more";
                return null;
            }
            var dash = body.IndexOf('-');
            if (dash < 0)
            {
                if (!TryNumber(body, out var single))
                {
                    why = "is not a frame number";
                    return null;
                }
                return new RbFrameRangePart(single, single, 1);
            }
            var startText = body.Substring(0, dash).Trim();
            var endText = body.Substring(dash + 1).Trim();
            if (!TryNumber(startText, out var start) || !TryNumber(endText, out var end))
            {
                why = "does not have the form A-B with whole numbers of 0 or more";
                return null;
            }
            if (start > end)
            {
                why = string.Format(CultureInfo.InvariantCulture, "goes downwards: write {0}-{1}", end, start)
                    + (open >= 0 ? $"[{step}]" : "");
                return null;
            }
            return new RbFrameRangePart(start, end, step);
        }

        private static bool TryNumber(string text, out int value)
        {
            value = 0;
            return text.Length > 0 && text.All(c => c >= '0' && c <= '9')
                && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }
    }
}
