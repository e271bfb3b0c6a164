//! The Map state: processor, `ItemReader`, `ItemBatcher`, `ResultWriter`.

use super::states::{Opt, common_fields, shared_fields, state_value};
use super::*;
use sfn_dsl::fields::names as k;

/// Pushes the enum fields `field` of `c` to `f`, each written as a call of `__sfn_w::conv`; or,
/// for a config whose fields are all enums (`ty`, given as an `Option<&_>`), its `Some(…)`.
macro_rules! enums {
    ($f:ident, $c:ident: $($field:ident => $conv:ident),*) => {$(
        let text = $c.$field.map(|v| v.as_str());
        enum_value(&mut $f, stringify!($field), stringify!($conv), text);
    )*};
    ($ty:ident($config:expr): $($field:ident => $conv:ident),*) => {
        $config.map(|c| {
            let mut cf = Vec::new();
            enums!(cf, c: $($field => $conv),*);
            some_default(k::$ty, cf)
        })
    };
}

impl Gen<'_, '_> {
    pub(super) fn map(&self, at: &str, m: &Map) -> TokenStream {
        let p = |k: &str| push(at, k);
        let mut f = common_fields!(self, at, m);
        let items_path = m
            .items_path
            .as_ref()
            .map(|x| some(self.path(&p(k::ItemsPath), x)));
        opt(&mut f, "items_path", items_path);
        self.field(&mut f, at, "items", Opt::Payload(&m.items));
        self.item_reader(&mut f, &p(k::ItemReader), &m.item_reader);
        opt(
            &mut f,
            "item_batcher",
            m.item_batcher.as_ref().map(|b| {
                let bp = p(k::ItemBatcher);
                let mut bf = Vec::new();
                self.field(
                    &mut bf,
                    &bp,
                    "max_items_per_batch",
                    Opt::Int(&b.max_items_per_batch),
                );
                let bytes = Opt::Int(&b.max_input_bytes_per_batch);
                self.field(&mut bf, &bp, "max_input_bytes_per_batch", bytes);
                self.field(&mut bf, &bp, "batch_input", Opt::Payload(&b.batch_input));
                some_default(k::ItemBatcher, bf)
            }),
        );
        // Each variant is written as the field it was read from.
        let selector = m.item_selector.as_ref().map(|s| {
            let (key, t) = match s {
                ItemSelector::ItemSelector(t) => (k::ItemSelector, t),
                ItemSelector::Parameters(t) => (k::Parameters, t),
            };
            let (variant, t) = (ident(key), self.payload(&p(key), t));
            some(quote!(__sfn_w::model::ItemSelector::#variant(#t)))
        });
        opt(&mut f, "item_selector", selector);
        let (key, x) = match &m.processor {
            Processor::ItemProcessor(x) => (k::ItemProcessor, x),
            Processor::Iterator(x) => (k::Iterator, x),
        };
        let (variant, x) = (ident(key), self.processor(&p(key), x));
        let processor = quote!(__sfn_w::model::Processor::#variant(#x));
        f.push(fld("processor", quote!(#processor)));
        self.field(&mut f, at, "max_concurrency", Opt::Int(&m.max_concurrency));
        let percentage = Opt::Float(&m.tolerated_failure_percentage);
        self.field(&mut f, at, "tolerated_failure_percentage", percentage);
        let count = Opt::Int(&m.tolerated_failure_count);
        self.field(&mut f, at, "tolerated_failure_count", count);
        self.field(&mut f, at, "label", Opt::String(&m.label));
        self.result_writer(&mut f, &p(k::ResultWriter), &m.result_writer);
        shared_fields!(self, f, at, m);
        state_value("Map", quote!(__sfn_w::map_base()), f)
    }

    pub(super) fn processor(&self, at: &str, x: &ItemProcessor) -> TokenStream {
        let mut f = self.head(at, &x.comment, None);
        let config = enums!(ProcessorConfig(x.processor_config.as_ref()):
            mode => processor_mode, execution_type => execution_type);
        opt(&mut f, "processor_config", config);
        self.scope(&mut f, at, &x.start_at, &x.states);
        build(quote!(__sfn_w::processor_base()), f)
    }

    /// The `item_reader` field of a Map, when it has one.
    fn item_reader(&self, fields: &mut Vec<Field>, at: &str, r: &Option<ItemReader>) {
        let Some(r) = r else { return };
        let mut f = Vec::new();
        let res = self.resource(&push(at, k::Resource), &r.resource);
        f.push(fld("resource", quote!(#res)));
        opt(
            &mut f,
            "reader_config",
            r.reader_config.as_ref().map(|c| {
                let cp = push(at, k::ReaderConfig);
                let mut cf = Vec::new();
                enums!(cf, c: input_type => input_type, csv_header_location => csv_header_location);
                opt(
                    &mut cf,
                    "csv_headers",
                    (c.csv_headers.as_ref())
                        .map(|h| some(self.strings(&push(&cp, k::CsvHeaders), h))),
                );
                enums!(cf, c: csv_delimiter => csv_delimiter);
                self.field(&mut cf, &cp, "max_items", Opt::Int(&c.max_items));
                enums!(cf, c: manifest_type => manifest_type);
                some_default(k::ReaderConfig, cf)
            }),
        );
        self.field(&mut f, at, "parameters", Opt::Payload(&r.parameters));
        self.field(&mut f, at, "arguments", Opt::Payload(&r.arguments));
        fields.push(fld(
            "item_reader",
            some(build(quote!(__sfn_w::reader_base()), f)),
        ));
    }

    /// The `result_writer` field of a Map, when it has one.
    fn result_writer(&self, fields: &mut Vec<Field>, at: &str, w: &Option<ResultWriter>) {
        let Some(w) = w else { return };
        let mut f = Vec::new();
        let resource = w
            .resource
            .as_ref()
            .map(|r| some(self.resource(&push(at, k::Resource), r)));
        opt(&mut f, "resource", resource);
        self.field(&mut f, at, "parameters", Opt::Payload(&w.parameters));
        self.field(&mut f, at, "arguments", Opt::Payload(&w.arguments));
        let config = enums!(WriterConfig(w.writer_config.as_ref()):
            output_type => writer_output_type, transformation => transformation);
        opt(&mut f, "writer_config", config);
        fields.push(fld("result_writer", some_default(k::ResultWriter, f)));
    }
}

/// `Some(…)` of a struct of the model (`ty`) built from its default with the fields `f`.
fn some_default(ty: &str, f: Vec<Field>) -> TokenStream {
    let ty = ident(ty);
    some(build(quote!(__sfn_w::default::<__sfn_w::model::#ty>()), f))
}
