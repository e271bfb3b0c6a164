//! The Map state: processor, `ItemReader`, `ItemBatcher`, `ResultWriter`.

use super::*;

impl Gen<'_, '_> {
    pub(super) fn map(&self, at: &str, m: &Map) -> TokenStream {
        let mut f = Vec::new();
        let p = |k: &str| push(at, k);
        self.common(
            &mut f,
            at,
            &m.comment,
            m.query_language,
            &m.input_path,
            &m.output_path,
            &m.output,
        );
        opt(
            &mut f,
            "items_path",
            m.items_path.as_ref().map(|x| {
                let x = self.path(&p("ItemsPath"), x);
                quote!(::core::option::Option::Some(#x))
            }),
        );
        opt(&mut f, "items", self.opt_payload(&p("Items"), &m.items));
        opt(
            &mut f,
            "item_reader",
            m.item_reader
                .as_ref()
                .map(|r| self.item_reader(&p("ItemReader"), r)),
        );
        opt(
            &mut f,
            "item_batcher",
            m.item_batcher.as_ref().map(|b| {
                let bp = p("ItemBatcher");
                let mut bf = Vec::new();
                opt(
                    &mut bf,
                    "max_items_per_batch",
                    self.dyn_int(&bp, "MaxItemsPerBatch", &b.max_items_per_batch),
                );
                opt(
                    &mut bf,
                    "max_input_bytes_per_batch",
                    self.dyn_int(&bp, "MaxInputBytesPerBatch", &b.max_input_bytes_per_batch),
                );
                opt(
                    &mut bf,
                    "batch_input",
                    self.opt_payload(&push(&bp, "BatchInput"), &b.batch_input),
                );
                {
                    let built = build(
                        quote!(__sfn_w::default::<__sfn_w::model::ItemBatcher>()),
                        bf,
                    );
                    quote!(::core::option::Option::Some(#built))
                }
            }),
        );
        opt(
            &mut f,
            "item_selector",
            m.item_selector.as_ref().map(|s| match s {
                ItemSelector::ItemSelector(t) => {
                    let t = self.payload(&p("ItemSelector"), t);
                    quote!(::core::option::Option::Some(
                        __sfn_w::model::ItemSelector::ItemSelector(#t)
                    ))
                }
                ItemSelector::Parameters(t) => {
                    let t = self.payload(&p("Parameters"), t);
                    quote!(::core::option::Option::Some(
                        __sfn_w::model::ItemSelector::Parameters(#t)
                    ))
                }
            }),
        );
        let processor = match &m.processor {
            Processor::ItemProcessor(x) => {
                let x = self.processor(&p("ItemProcessor"), x);
                quote!(__sfn_w::model::Processor::ItemProcessor(#x))
            }
            Processor::Iterator(x) => {
                let x = self.processor(&p("Iterator"), x);
                quote!(__sfn_w::model::Processor::Iterator(#x))
            }
        };
        f.push(fld("processor", quote!(#processor)));
        opt(
            &mut f,
            "max_concurrency",
            self.dyn_int(at, "MaxConcurrency", &m.max_concurrency),
        );
        opt(
            &mut f,
            "tolerated_failure_percentage",
            self.dynamic_field(
                at,
                "ToleratedFailurePercentage",
                &m.tolerated_failure_percentage,
                |x| float(*x),
            ),
        );
        opt(
            &mut f,
            "tolerated_failure_count",
            self.dyn_int(at, "ToleratedFailureCount", &m.tolerated_failure_count),
        );
        opt(&mut f, "label", self.opt_string(&p("Label"), &m.label));
        opt(
            &mut f,
            "result_writer",
            m.result_writer
                .as_ref()
                .map(|w| self.result_writer(&p("ResultWriter"), w)),
        );
        opt(
            &mut f,
            "arguments",
            self.opt_payload(&p("Arguments"), &m.arguments),
        );
        opt(
            &mut f,
            "result_selector",
            self.opt_payload(&p("ResultSelector"), &m.result_selector),
        );
        opt(
            &mut f,
            "result_path",
            self.nullable(&p("ResultPath"), &m.result_path),
        );
        opt(&mut f, "assign", self.opt_payload(&p("Assign"), &m.assign));
        self.retry_catch(&mut f, at, &m.retry, &m.catch);
        self.transition(&mut f, &m.transition);
        {
            let built = build(quote!(__sfn_w::map_base()), f);
            quote!(__sfn_w::model::State::Map(::std::boxed::Box::new(
                #built
            )))
        }
    }

    pub(super) fn processor(&self, at: &str, x: &ItemProcessor) -> TokenStream {
        let mut f = Vec::new();
        opt(
            &mut f,
            "comment",
            self.opt_string(&push(at, "Comment"), &x.comment),
        );
        opt(&mut f, "query_language", ql(x.query_language));
        opt(
            &mut f,
            "processor_config",
            x.processor_config.as_ref().map(|c| {
                let mut cf = Vec::new();
                opt(
                    &mut cf,
                    "mode",
                    c.mode.map(|m| enum_value("processor_mode", m.as_str())),
                );
                opt(
                    &mut cf,
                    "execution_type",
                    c.execution_type
                        .map(|m| enum_value("execution_type", m.as_str())),
                );
                {
                    let built = build(
                        quote!(__sfn_w::default::<__sfn_w::model::ProcessorConfig>()),
                        cf,
                    );
                    quote!(::core::option::Option::Some(#built))
                }
            }),
        );
        let start = lit(&x.start_at);
        f.push(fld("start_at", quote!(__sfn_w::s(#start))));
        let states = self.states(at, &x.states);
        f.push(fld("states", quote!(#states)));
        build(quote!(__sfn_w::processor_base()), f)
    }

    pub(super) fn item_reader(&self, at: &str, r: &ItemReader) -> TokenStream {
        let mut f = Vec::new();
        let res = self.resource(&push(at, "Resource"), &r.resource);
        f.push(fld("resource", quote!(#res)));
        opt(
            &mut f,
            "reader_config",
            r.reader_config.as_ref().map(|c| {
                let cp = push(at, "ReaderConfig");
                let mut cf = Vec::new();
                opt(
                    &mut cf,
                    "input_type",
                    c.input_type.map(|v| enum_value("input_type", v.as_str())),
                );
                opt(
                    &mut cf,
                    "csv_header_location",
                    c.csv_header_location
                        .map(|v| enum_value("csv_header_location", v.as_str())),
                );
                opt(
                    &mut cf,
                    "csv_headers",
                    c.csv_headers.as_ref().map(|h| {
                        let hp = push(&cp, "CSVHeaders");
                        let items = h.iter().enumerate().map(|(i, s)| {
                            match self.dynamic(&push(&hp, &i.to_string())) {
                                Some(e) => quote!(__sfn_w::string(#e)),
                                None => {
                                    let s = lit(s);
                                    quote!(__sfn_w::s(#s))
                                }
                            }
                        });
                        quote!(::core::option::Option::Some(::std::vec![#(#items),*]))
                    }),
                );
                opt(
                    &mut cf,
                    "csv_delimiter",
                    c.csv_delimiter
                        .map(|v| enum_value("csv_delimiter", v.as_str())),
                );
                opt(
                    &mut cf,
                    "max_items",
                    self.dyn_int(&cp, "MaxItems", &c.max_items),
                );
                opt(
                    &mut cf,
                    "manifest_type",
                    c.manifest_type
                        .map(|v| enum_value("manifest_type", v.as_str())),
                );
                {
                    let built = build(
                        quote!(__sfn_w::default::<__sfn_w::model::ReaderConfig>()),
                        cf,
                    );
                    quote!(::core::option::Option::Some(#built))
                }
            }),
        );
        opt(
            &mut f,
            "parameters",
            self.opt_payload(&push(at, "Parameters"), &r.parameters),
        );
        opt(
            &mut f,
            "arguments",
            self.opt_payload(&push(at, "Arguments"), &r.arguments),
        );
        {
            let built = build(quote!(__sfn_w::reader_base()), f);
            quote!(::core::option::Option::Some(#built))
        }
    }

    pub(super) fn result_writer(&self, at: &str, w: &ResultWriter) -> TokenStream {
        let mut f = Vec::new();
        opt(
            &mut f,
            "resource",
            w.resource.as_ref().map(|r| {
                let r = self.resource(&push(at, "Resource"), r);
                quote!(::core::option::Option::Some(#r))
            }),
        );
        opt(
            &mut f,
            "parameters",
            self.opt_payload(&push(at, "Parameters"), &w.parameters),
        );
        opt(
            &mut f,
            "arguments",
            self.opt_payload(&push(at, "Arguments"), &w.arguments),
        );
        opt(
            &mut f,
            "writer_config",
            w.writer_config.as_ref().map(|c| {
                let mut cf = Vec::new();
                opt(
                    &mut cf,
                    "output_type",
                    c.output_type
                        .map(|v| enum_value("writer_output_type", v.as_str())),
                );
                opt(
                    &mut cf,
                    "transformation",
                    c.transformation
                        .map(|v| enum_value("transformation", v.as_str())),
                );
                {
                    let built = build(
                        quote!(__sfn_w::default::<__sfn_w::model::WriterConfig>()),
                        cf,
                    );
                    quote!(::core::option::Option::Some(#built))
                }
            }),
        );
        {
            let built = build(
                quote!(__sfn_w::default::<__sfn_w::model::ResultWriter>()),
                f,
            );
            quote!(::core::option::Option::Some(#built))
        }
    }
}
