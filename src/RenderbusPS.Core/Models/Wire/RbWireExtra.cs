using System.Collections.Generic;
using System.Text.Json.Serialization.Metadata;

namespace RenderbusPS.Core.Models
{
    /// <summary>
    /// The one mechanism for Extra. A model's <c>Extra</c> is its <c>[JsonExtensionData]</c>: every field the model
    /// does not name lands there, as a plain value (<see cref="RbWirePlain"/>). Once the model is read, this step
    /// (added to the metadata of every type that has such a property) turns a secret-looking field's text into a
    /// SecureString, so nothing the service sends is lost and no key or password stays readable.
    /// </summary>
    internal static class RbWireExtra
    {
        /// <summary>The metadata modifier: masks Extra after a model is read, before the model's own step.</summary>
        public static void Keep(JsonTypeInfo info)
        {
            if (info.Kind != JsonTypeInfoKind.Object) return;
            JsonPropertyInfo? extra = null;
            foreach (var property in info.Properties)
            {
                if (property.IsExtensionData) extra = property;
            }
            if (extra?.Get == null) return;
            var get = extra.Get;
            var then = info.OnDeserialized;
            info.OnDeserialized = model =>
            {
                if (get(model) is IDictionary<string, object?> fields) Mask(fields);
                then?.Invoke(model);
            };
        }

        /// <summary>
        /// Secret-looking fields' text as SecureStrings (<see cref="Signing.RbSecrets.IsSecretField"/>).
        /// </summary>
        public static void Mask(IDictionary<string, object?> fields)
        {
            List<string>? secrets = null;
            // the models' dictionaries, walked without an enumerator object
            if (fields is Dictionary<string, object?> map)
            {
                foreach (var field in map) Note(field.Key, field.Value, ref secrets);
            }
            else
            {
                foreach (var field in fields) Note(field.Key, field.Value, ref secrets);
            }
            if (secrets == null) return;
            foreach (var name in secrets) fields[name] = Signing.RbCredential.ToSecureString((string)fields[name]!);
        }

        private static void Note(string name, object? value, ref List<string>? secrets)
        {
            if (value is string && Signing.RbSecrets.IsSecretField(name)) (secrets ??= new List<string>()).Add(name);
        }
    }
}
