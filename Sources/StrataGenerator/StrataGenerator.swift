public enum StrataGenerator {}
