//! Every test card of PAYMONGO.md through tokenize and attach.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::Sandbox;

/// What attaching a card does, as the table says.
#[derive(Clone, Copy, Debug)]
enum Expect {
    Succeeded,
    /// 3-D Secure, then (after authorizing) this status and failed code.
    ThreeDs(&'static str, Option<&'static str>),
    /// Declined at attach with this failed code and sub code.
    Declined(&'static str, Option<&'static str>),
}

use Expect::*;

const TABLE: [(&str, Expect); 23] = [
    ("4343434343434345", Succeeded),
    ("4571736000000075", Succeeded),
    ("4009930000001421", Succeeded),
    ("4404520000001439", Succeeded),
    ("5555444444444457", Succeeded),
    ("5455590000000009", Succeeded),
    ("5339080000000003", Succeeded),
    ("5240050000001440", Succeeded),
    ("5577510000001446", Succeeded),
    ("4120000000000007", ThreeDs("succeeded", None)),
    ("4230000000000004", Declined("generic_decline", None)),
    (
        "5234000000000106",
        ThreeDs("awaiting_payment_method", Some("generic_decline")),
    ),
    // 3-D Secure is optional: without `request_three_d_secure: any` it just succeeds.
    ("5123000000000001", Succeeded),
    ("4200000000000018", Declined("card_expired", None)),
    ("4300000000000017", Declined("cvc_invalid", None)),
    ("5100000000000198", Declined("insufficient_funds", None)),
    ("4111111111111111", Declined("generic_decline", None)),
    (
        "4400000000000016",
        Declined("generic_decline", Some("do_not_honor")),
    ),
    ("4500000000000015", Declined("fraudulent", None)),
    ("5200000000000197", Declined("processor_blocked", None)),
    ("5300000000000196", Declined("lost_card", None)),
    ("5400000000000195", Declined("stolen_card", None)),
    ("4600000000000014", Declined("blocked", None)),
];

/// Posts the test page's "Authorize" form for a redirect URL; answers the page's status.
pub async fn press(sb: &Sandbox, redirect_url: &str, action: &str) -> (StatusCode, String) {
    let (path_and_query, token) = page_parts(sb, redirect_url);
    let page = sb.client.get(sb.url(&path_and_query)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    let id = path_and_query
        .trim_start_matches("/3ds/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let action_path = format!("/3ds/{id}/{action}");
    assert!(
        html.contains(&format!("action=\"{action_path}\"")),
        "the page has the {action} form: {html}"
    );
    assert!(html.contains(&format!("name=\"token\" value=\"{token}\"")));
    let done = sb
        .client
        .post(sb.url(&action_path))
        .form(&[("token", token.as_str())])
        .send()
        .await
        .unwrap();
    (done.status(), done.text().await.unwrap())
}

/// The path-and-query of a redirect URL on this sandbox, and its token.
pub fn page_parts(sb: &Sandbox, redirect_url: &str) -> (String, String) {
    let public = sb.running.public_url();
    let path_and_query = redirect_url
        .strip_prefix(public)
        .unwrap_or_else(|| panic!("{redirect_url} is on {public}"))
        .to_string();
    let token = path_and_query
        .split("token=")
        .nth(1)
        .expect("a token")
        .to_string();
    (path_and_query, token)
}

#[tokio::test]
async fn every_test_card_does_what_the_table_says() {
    let sb = Sandbox::start().await;
    for (number, expect) in TABLE {
        let pm = sb.pm(number).await;
        let pi = sb.intent(json!({})).await;
        let (status, body) = sb.attach(&pi, &pm).await;
        // PayMongo answers the attach itself with 200; the status tells.
        assert_eq!(status, StatusCode::OK, "{number}: {body}");
        let a = &body["data"]["attributes"];
        match expect {
            Succeeded => {
                assert_eq!(a["status"], "succeeded", "{number}");
                assert_eq!(a["payments"].as_array().map(Vec::len), Some(1), "{number}");
                assert_eq!(a["next_action"], Value::Null);
            }
            Declined(failed, sub) => {
                assert_eq!(a["status"], "awaiting_payment_method", "{number}");
                let e = &a["last_payment_error"];
                assert_eq!(e["failed_code"], failed, "{number}");
                assert_eq!(e["payment_method"], pm.as_str(), "{number}");
                assert!(e["failed_message"].is_string(), "{number}");
                assert_eq!(e["sub_code"].as_str(), sub, "{number}");
                assert_eq!(a["payments"], json!([]));
            }
            ThreeDs(after, failed) => {
                assert_eq!(a["status"], "awaiting_next_action", "{number}");
                let redirect = &a["next_action"]["redirect"];
                assert_eq!(a["next_action"]["type"], "redirect");
                assert_eq!(redirect["return_url"], "http://localhost:8080/return");
                let url = redirect["url"].as_str().unwrap();
                assert!(
                    url.starts_with(&format!(
                        "{}/3ds/{}?",
                        sb.running.public_url(),
                        pi["id"].as_str().unwrap()
                    )),
                    "{url}"
                );
                let (status, _) = press(&sb, url, "authorize").await;
                assert_eq!(status, StatusCode::OK);
                let read = sb.read_intent(&pi).await;
                assert_eq!(read["attributes"]["status"], after, "{number}");
                assert_eq!(
                    read["attributes"]["last_payment_error"]["failed_code"].as_str(),
                    failed,
                    "{number}"
                );
                assert_eq!(read["attributes"]["next_action"], Value::Null);
            }
        }
    }
}

#[tokio::test]
async fn optional_three_d_secure_runs_when_the_intent_asks_any() {
    let sb = Sandbox::start().await;
    let pi = sb
        .intent(json!({"payment_method_options": {"card": {"request_three_d_secure": "any"}}}))
        .await;
    let pm = sb.pm("5123000000000001").await;
    let (_, body) = sb.attach(&pi, &pm).await;
    assert_eq!(body["data"]["attributes"]["status"], "awaiting_next_action");
    let url = body["data"]["attributes"]["next_action"]["redirect"]["url"]
        .as_str()
        .unwrap()
        .to_string();
    press(&sb, &url, "authorize").await;
    assert_eq!(
        sb.read_intent(&pi).await["attributes"]["status"],
        "succeeded"
    );

    // A success card is not asked for 3-D Secure even then.
    let pi = sb
        .intent(json!({"payment_method_options": {"card": {"request_three_d_secure": "any"}}}))
        .await;
    let pm = sb.pm("4343434343434345").await;
    let (_, body) = sb.attach(&pi, &pm).await;
    assert_eq!(body["data"]["attributes"]["status"], "succeeded");
}
