using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MlOpsDashboard.Core.Delivery.Kustomize;

/// <summary>
/// Types a plain YAML scalar the way kustomize does (go-yaml v3 resolution, then JSON): YAML 1.2
/// booleans and nulls, Go integer literals with '_' ignored, floats, and timestamps turned into
/// RFC 3339 strings. Matching it exactly is what makes rendered objects equal kubectl's.
/// </summary>
internal static partial class YamlScalars
{
    public static JsonNode? ResolvePlain(string value, bool yaml11Booleans)
    {
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
            case ".nan" or ".NaN" or ".NAN" or ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF":
                throw new KustomizeException($"'{value}' (infinity or NaN) cannot be represented in JSON");
        }
        // The kustomization file itself is read by sigs.k8s.io/yaml, which still speaks YAML 1.1.
        if (yaml11Booleans)
        {
            switch (value)
            {
                case "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON":
                    return JsonValue.Create(true);
                case "n" or "N" or "no" or "No" or "NO" or "off" or "Off" or "OFF":
                    return JsonValue.Create(false);
            }
        }
        var first = value[0];
        if (first == '.')
        {
            return LeadingDotFloat().IsMatch(value) && TryParseFloat(value, out var dotted) ? Number(dotted) : JsonValue.Create(value);
        }
        if (first is not ('+' or '-') && !char.IsAsciiDigit(first))
        {
            return JsonValue.Create(value);
        }
        if (TryParseTimestamp(value, out var timestamp))
        {
            return JsonValue.Create(timestamp);
        }
        var plain = value.Replace("_", "", StringComparison.Ordinal);
        if (TryParseGoInteger(plain, out var integer))
        {
            return integer >= long.MinValue && integer <= long.MaxValue ? JsonValue.Create((long)integer) : JsonValue.Create((ulong)integer);
        }
        if (YamlStyleFloat().IsMatch(plain) && TryParseFloat(plain, out var number))
        {
            return Number(number);
        }
        return JsonValue.Create(value);
    }

    /// <summary>Resolves a scalar carrying an explicit core-schema tag such as <c>!!int</c>.</summary>
    public static JsonNode? ResolveTagged(string tag, string value)
    {
        JsonNode? Checked(JsonNode? resolved, string expected, Func<JsonValueKind?, bool> accept) =>
            accept(resolved?.GetValueKind()) ? resolved : throw new KustomizeException($"'{value}' is not a valid {expected} for tag {tag}");

        return tag switch
        {
            "tag:yaml.org,2002:null" => null,
            "tag:yaml.org,2002:bool" => Checked(ResolvePlain(value, yaml11Booleans: false), "boolean", k => k is JsonValueKind.True or JsonValueKind.False),
            "tag:yaml.org,2002:int" or "tag:yaml.org,2002:float" => Checked(ResolvePlain(value, yaml11Booleans: false), "number", k => k is JsonValueKind.Number),
            "tag:yaml.org,2002:timestamp" => TryParseTimestamp(value, out var timestamp)
                ? JsonValue.Create(timestamp)
                : throw new KustomizeException($"'{value}' is not a valid timestamp for tag {tag}"),
            // !!str, !!binary and application tags (!Ref and friends) leave the text as it is.
            _ => JsonValue.Create(value),
        };
    }

    // A float holding a whole number comes back from kubectl's output as "100" or "1e+06"; typing
    // it as an integer on both sides keeps nodes comparable, and consumers get an integer as
    // they would from Go's JSON. Beyond the int64 range it stays a double.
    private static JsonNode Number(double value) =>
        Math.Floor(value) == value && value >= -9.2233720368547758E18 && value < 9.2233720368547758E18
            ? JsonValue.Create((long)value)
            : JsonValue.Create(value);

    private static bool TryParseFloat(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    // strconv.ParseInt(s, 0, 64) then strconv.ParseUint(s, 0, 64): an optional sign (ParseInt
    // only), then 0b / 0o / 0x prefixes or a leading 0 for octal.
    private static bool TryParseGoInteger(string text, out BigInteger value)
    {
        value = BigInteger.Zero;
        var negative = false;
        var digits = text;
        if (digits.Length > 0 && digits[0] is '+' or '-')
        {
            negative = digits[0] == '-';
            digits = digits[1..];
        }
        if (digits.Length == 0)
        {
            return false;
        }
        var radix = 10;
        if (digits[0] == '0')
        {
            if (digits.Length >= 3 && char.ToLowerInvariant(digits[1]) is 'b' or 'o' or 'x')
            {
                radix = char.ToLowerInvariant(digits[1]) switch { 'b' => 2, 'o' => 8, _ => 16 };
                digits = digits[2..];
            }
            else
            {
                radix = 8;
                digits = digits[1..];
            }
        }
        foreach (var c in digits)
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
            if (digit >= radix)
            {
                return false;
            }
            value = value * radix + digit;
        }
        if (negative)
        {
            value = -value;
            return value >= long.MinValue;
        }
        // A signed text that overflows int64 is not retried as uint64 (ParseUint rejects signs).
        return text[0] == '+' ? value <= long.MaxValue : value <= ulong.MaxValue;
    }

    /// <summary>
    /// go-yaml's timestamp forms (date; date and time with 'T', 't' or a space; optional
    /// fraction and zone), printed as Go prints time.Time in JSON (RFC 3339 with nanoseconds).
    /// </summary>
    public static bool TryParseTimestamp(string text, out string rfc3339)
    {
        rfc3339 = "";
        var match = Timestamp().Match(text);
        if (!match.Success)
        {
            return false;
        }
        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month))
        {
            return false;
        }
        var builder = new System.Text.StringBuilder(
            $"{year:D4}-{month:D2}-{day:D2}T");
        if (!match.Groups["h"].Success)
        {
            rfc3339 = builder.Append("00:00:00Z").ToString();
            return true;
        }
        var separator = match.Groups["sep"].Value;
        var zone = match.Groups["z"].Value;
        // "2006-1-2 15:4:5" has no zone; the 'T' forms require one.
        if ((separator == " ") != (zone.Length == 0))
        {
            return false;
        }
        var hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(match.Groups["min"].Value, CultureInfo.InvariantCulture);
        var second = int.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture);
        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        builder.Append($"{hour:D2}:{minute:D2}:{second:D2}");
        var fraction = match.Groups["f"].Value;
        if (fraction.Length > 9)
        {
            fraction = fraction[..9];
        }
        fraction = fraction.TrimEnd('0');
        if (fraction.Length > 0)
        {
            builder.Append('.').Append(fraction);
        }
        if (zone is "" or "Z" || zone[1..] == "00:00")
        {
            builder.Append('Z');
        }
        else
        {
            var hours = int.Parse(zone[1..3], CultureInfo.InvariantCulture);
            var minutes = int.Parse(zone[4..6], CultureInfo.InvariantCulture);
            if (hours > 24 || minutes > 59)
            {
                return false;
            }
            builder.Append(zone);
        }
        rfc3339 = builder.ToString();
        return true;
    }

    [GeneratedRegex(@"^\.[0-9]+([eE][-+]?[0-9]+)?$")]
    private static partial Regex LeadingDotFloat();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex YamlStyleFloat();

    [GeneratedRegex(@"^(?<y>[0-9]{4})-(?<m>[0-9]{1,2})-(?<d>[0-9]{1,2})(?:(?<sep>[Tt ])(?<h>[0-9]{1,2}):(?<min>[0-9]{1,2}):(?<s>[0-9]{1,2})(?:[.,](?<f>[0-9]+))?(?<z>Z|[-+][0-9]{2}:[0-9]{2})?)?$")]
    private static partial Regex Timestamp();
}
