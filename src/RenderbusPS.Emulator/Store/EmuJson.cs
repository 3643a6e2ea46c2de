using System.Globalization;
using System.Text.Json;

namespace RenderbusPS.Emulator.Store
{
    /// <summary>Helpers for writing the store's objects as the service's JSON with a
    /// <see cref="Utf8JsonWriter"/>.</summary>
    internal static class EmuJson
    {
        public static JsonEncodedText Name(string name) => JsonEncodedText.Encode(name);

        public static void Number(Utf8JsonWriter w, JsonEncodedText name, long? value)
        {
            if (value.HasValue) w.WriteNumber(name, value.Value);
            else w.WriteNull(name);
        }

        public static void Number(Utf8JsonWriter w, JsonEncodedText name, int? value)
        {
            if (value.HasValue) w.WriteNumber(name, value.Value);
            else w.WriteNull(name);
        }

        /// <summary>"prefix" + status for the statuses the farm uses, made once (they are written for every task and
        /// frame).</summary>
        public sealed class StatusTexts
        {
            private readonly string prefix;
            private readonly string[] made = new string[128];

            public StatusTexts(string prefix)
            {
                this.prefix = prefix;
                for (var i = 0; i < made.Length; i++) made[i] = prefix + i.ToString(CultureInfo.InvariantCulture);
            }

            public string this[int status] => status >= 0 && status < made.Length ? made[status] : prefix
                + status.ToString(CultureInfo.InvariantCulture);
        }
    }
}
