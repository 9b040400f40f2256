//! Progress figures, pure, and their rendering.
